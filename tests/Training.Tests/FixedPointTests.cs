using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests;

public sealed class FixedPointTests
{
    public static TheoryData<int, int, float[], float[]> SignedCases => new()
    {
        // (2, 2): q = 0.25, range [−2, 1.75]; halves go to the even step
        { 2, 2, [0.125f, 0.375f, 0.625f, -0.375f, -0.125f, 1.8f, 1.9f, -2.1f, -5f, 100f], [0f, 0.5f, 0.5f, -0.5f, 0f, 1.75f, 1.75f, -2f, -2f, 1.75f] },
        // int = 0: range [−0.5, 0.5 − q]
        { 0, 3, [0.4f, 0.45f, -0.6f, -0.5f, 0.0625f, 0.1875f], [0.375f, 0.375f, -0.5f, -0.5f, 0f, 0.25f] },
        // frac = 0: q = 1, range [−4, 3]
        { 3, 0, [2.5f, 3.5f, -4.5f, -3.5f, 0.5f, 1.5f, -10f], [2f, 3f, -4f, -4f, 0f, 2f, -4f] },
        // int = frac = 0: the range collapses to −0.5
        { 0, 0, [0.3f, -7f, 12f, 0f], [-0.5f, -0.5f, -0.5f, -0.5f] },
        // the input format (8, 8): q = 1/256, range [−128, 128 − 1/256]
        { 8, 8, [1f / 512, 3f / 512, 200f, -200f, -128f], [0f, 2f / 256, 127.99609375f, -128f, -128f] },
    };

    public static TheoryData<int, int, float[], float[]> UnsignedCases => new()
    {
        { 2, 2, [-0.3f, 3.9f, 0.125f, 0.375f, 3.8f, 10f], [0f, 3.75f, 0f, 0.5f, 3.75f, 3.75f] },
        { 0, 3, [0.9f, 0.8f, -0.1f, 0.0625f], [0.875f, 0.75f, 0f, 0f] },
        { 3, 0, [6.5f, 7.5f, 0.5f, -1f, 1.5f], [6f, 7f, 0f, 0f, 2f] },
        { 0, 0, [0.3f, 5f, -1f], [0f, 0f, 0f] },
    };

    [Theory]
    [MemberData(nameof(SignedCases))]
    public void Signed_quantization_gives_exact_values(int integerBits, int fractionBits, float[] input, float[] expected)
    {
        using var x = tensor(input);
        using var q = FixedPoint.QuantizeSigned(x, new FixedPointFormat(integerBits, fractionBits));
        Assert.Equal(expected, q.data<float>().ToArray());
    }

    [Theory]
    [MemberData(nameof(UnsignedCases))]
    public void Unsigned_quantization_gives_exact_values(int integerBits, int fractionBits, float[] input, float[] expected)
    {
        using var x = tensor(input);
        using var q = FixedPoint.QuantizeUnsigned(x, new FixedPointFormat(integerBits, fractionBits));
        Assert.Equal(expected, q.data<float>().ToArray());
    }

    [Theory]
    [MemberData(nameof(SignedCases))]
    public void Straight_through_forward_equals_plain_quantization(int integerBits, int fractionBits, float[] input, float[] expected)
    {
        using var x = tensor(input, requires_grad: true);
        using var q = FixedPoint.QuantizeSignedStraightThrough(x, new FixedPointFormat(integerBits, fractionBits));
        Assert.Equal(expected, q.data<float>().ToArray());
    }

    [Fact]
    public void Tensor_quantization_matches_the_scalar_definition_for_many_formats()
    {
        manual_seed(11);
        using var noise = randn(512);
        using var x = noise.mul(6);
        var values = x.data<float>().ToArray();
        for (var integerBits = 0; integerBits <= 8; integerBits++)
        {
            for (var fractionBits = 0; fractionBits <= 8; fractionBits++)
            {
                var format = new FixedPointFormat(integerBits, fractionBits);
                using var signed = FixedPoint.QuantizeSigned(x, format);
                using var unsigned = FixedPoint.QuantizeUnsigned(x, format);
                Assert.Equal(values.Select(v => (float)format.QuantizeSigned(v)), signed.data<float>().ToArray());
                Assert.Equal(values.Select(v => (float)format.QuantizeUnsigned(v)), unsigned.data<float>().ToArray());
            }
        }
    }

    [Fact]
    public void Straight_through_gradient_is_identity_inside_the_signed_range_and_zero_outside()
    {
        // (2, 2): range [−2, 1.75]
        using var x = tensor(new[] { -3f, -1f, 0.3f, 1.0f, 1.7f, 2.5f }, requires_grad: true);
        using var weights = tensor(new[] { 1f, 2f, 3f, 4f, 5f, 6f });
        using (var q = FixedPoint.QuantizeSignedStraightThrough(x, new FixedPointFormat(2, 2)))
        using (var loss = q.mul(weights).sum())
        {
            loss.backward();
        }

        Assert.Equal(new[] { 0f, 2f, 3f, 4f, 5f, 0f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Straight_through_gradient_is_identity_inside_the_unsigned_range_and_zero_outside()
    {
        // (1, 2): range [0, 1.75]
        using var x = tensor(new[] { -0.5f, 0.1f, 0.9f, 1.6f, 1.9f }, requires_grad: true);
        using (var q = FixedPoint.QuantizeUnsignedStraightThrough(x, new FixedPointFormat(1, 2)))
        using (var loss = q.sum())
        {
            loss.backward();
        }

        Assert.Equal(new[] { 0f, 1f, 1f, 1f, 0f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Plain_quantization_has_zero_gradient()
    {
        using var x = tensor(new[] { -1f, 0.3f, 1.0f }, requires_grad: true);
        using (var q = FixedPoint.QuantizeSigned(x, new FixedPointFormat(2, 2)))
        using (var loss = q.sum())
        {
            loss.backward();
        }

        Assert.All(x.grad!.data<float>().ToArray(), g => Assert.Equal(0f, g));
    }
}
