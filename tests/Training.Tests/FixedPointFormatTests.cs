namespace PoNasOrleans.Training.Tests;

public sealed class FixedPointFormatTests
{
    [Theory]
    [InlineData(2, 2, 0.25, -2.0, 1.75, 3.75)]
    [InlineData(0, 3, 0.125, -0.5, 0.375, 0.875)]
    [InlineData(3, 0, 1.0, -4.0, 3.0, 7.0)]
    [InlineData(0, 0, 1.0, -0.5, -0.5, 0.0)]
    [InlineData(8, 8, 1.0 / 256, -128.0, 127.99609375, 255.99609375)]
    [InlineData(1, 4, 0.0625, -1.0, 0.9375, 1.9375)]
    public void Ranges_follow_the_spec(int integerBits, int fractionBits, double precision, double signedMin, double signedMax, double unsignedMax)
    {
        var format = new FixedPointFormat(integerBits, fractionBits);
        Assert.Equal(precision, format.Precision);
        Assert.Equal(signedMin, format.SignedMinimum);
        Assert.Equal(signedMax, format.SignedMaximum);
        Assert.Equal(unsignedMax, format.UnsignedMaximum);
    }

    [Fact]
    public void Input_format_is_signed_eight_eight() => Assert.Equal(new FixedPointFormat(8, 8), FixedPointFormat.Input);

    [Fact]
    public void Layer_bits_give_weight_and_activation_formats()
    {
        var layer = TestArchitectures.Layer(actInt: 2, actFrac: 5, weightInt: 0, weightFrac: 6);
        Assert.Equal(new FixedPointFormat(2, 5), FixedPointFormat.ActivationsOf(layer));
        Assert.Equal(new FixedPointFormat(0, 6), FixedPointFormat.WeightsOf(layer));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    [InlineData(31, 0)]
    [InlineData(0, 31)]
    public void Bit_counts_out_of_range_are_refused(int integerBits, int fractionBits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedPointFormat(integerBits, fractionBits));

    [Theory]
    [InlineData(0.125, 0.0)] // 0.5 steps → 0 (half to even)
    [InlineData(0.375, 0.5)] // 1.5 → 2
    [InlineData(0.625, 0.5)] // 2.5 → 2
    [InlineData(-0.375, -0.5)] // −1.5 → −2
    [InlineData(1.9, 1.75)] // rounds to 2, clamped
    [InlineData(-2.1, -2.0)]
    public void Scalar_signed_quantization_rounds_half_to_even_and_clamps(double value, double expected) =>
        Assert.Equal(expected, new FixedPointFormat(2, 2).QuantizeSigned(value));

    [Theory]
    [InlineData(-0.3, 0.0)]
    [InlineData(3.8, 3.75)]
    [InlineData(0.375, 0.5)]
    public void Scalar_unsigned_quantization_clamps_at_zero_and_the_top(double value, double expected) =>
        Assert.Equal(expected, new FixedPointFormat(2, 2).QuantizeUnsigned(value));
}
