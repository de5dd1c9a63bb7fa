namespace PoNasOrleans.Training.Tests;

public sealed class DropoutScheduleTests
{
    [Fact]
    public void First_eighteen_layers_follow_the_reference_list()
    {
        double[] reference = [0, 0.2, 0, 0.3, 0, 0.4, 0, 0, 0.5, 0, 0, 0.5, 0, 0, 0.5, 0, 0, 0.5];
        Assert.Equal(reference, Enumerable.Range(0, reference.Length).Select(DropoutSchedule.ForLayer));
    }

    [Theory]
    [InlineData(18, 0.0)]
    [InlineData(19, 0.0)]
    [InlineData(20, 0.5)]
    [InlineData(23, 0.5)]
    [InlineData(24, 0.0)]
    [InlineData(299, 0.5)]
    public void Beyond_the_list_every_third_layer_drops_half(int index, double expected) =>
        Assert.Equal(expected, DropoutSchedule.ForLayer(index));

    [Fact]
    public void Negative_index_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutSchedule.ForLayer(-1));
}
