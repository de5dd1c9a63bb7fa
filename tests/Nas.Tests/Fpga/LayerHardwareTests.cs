using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class LayerHardwareTests
{
    [Fact]
    public void Stride_5_on_small_maps_gives_same_padding_and_pooled_sizes_of_the_spec()
    {
        // 32 → out 7 (pad 6·5 + 3 − 32 = 1), pooled ceil(7/2) = 4 → out 1 (pad 0), pooled 1 → out 1 (pad 3 − 1 = 2)
        var layers = LayerHardware.Derive(Network((3, 3, 8, 5, 5, 2), (3, 3, 8, 5, 5, 2), (3, 3, 8, 5, 5, 2)));

        Assert.Equal([32, 4, 1], layers.Select(l => l.H));
        Assert.Equal([33, 4, 3], layers.Select(l => l.R));
        Assert.Equal([33, 4, 3], layers.Select(l => l.C));
    }

    [Fact]
    public void Stride_5_with_1x1_kernels_never_pads()
    {
        // 32 → 7 → 2 → 1 → 1: the (out − 1)·s + k − in of a 1×1 kernel is never positive
        var layers = LayerHardware.Derive(Network([.. Enumerable.Repeat((1, 1, 4, 5, 5, 1), 5)]));

        Assert.Equal([32, 7, 2, 1, 1], layers.Select(l => l.H));
        Assert.Equal([32, 7, 2, 1, 1], layers.Select(l => l.R));
    }

    [Fact]
    public void Nine_by_nine_kernels_on_a_2x2_map_pad_to_the_kernel()
    {
        // 32 → 7 → 2; then a 9×9 kernel at stride 1 keeps 2 (pad 1 + 9 − 2 = 8) and pooling by 2 gives 1;
        // at stride 2 on the 2×2 map the output is 1 (pad 0 + 9 − 2 = 7)
        var layers = LayerHardware.Derive(Network((1, 1, 8, 5, 5, 1), (1, 1, 8, 5, 5, 1), (9, 9, 8, 1, 1, 2), (9, 9, 8, 1, 1, 1)));
        Assert.Equal((2, 10), (layers[2].H, layers[2].R));
        Assert.Equal((1, 9), (layers[3].H, layers[3].R));

        var strided = LayerHardware.Derive(Network((1, 1, 8, 5, 5, 1), (1, 1, 8, 5, 5, 1), (9, 9, 8, 2, 2, 1), (1, 1, 8, 1, 1, 1)));
        Assert.Equal((2, 9), (strided[2].H, strided[2].R));
        Assert.Equal(1, strided[3].H);
    }

    [Theory]
    [InlineData(32, 1, 32)]
    [InlineData(32, 2, 16)]
    [InlineData(7, 2, 4)]
    [InlineData(2, 5, 1)]
    [InlineData(1, 2, 1)]
    public void Output_size_is_the_ceiling_of_input_over_stride(int input, int stride, int output) =>
        Assert.Equal(output, LayerHardware.OutputSize(input, stride));

    [Fact]
    public void Channels_kernels_and_bits_follow_the_previous_layer()
    {
        var layers = LayerHardware.Derive(new Architecture(
        [
            new Layer(3, 5, 12, 1, 1, 1, 2, 3, 4, 5),
            new Layer(7, 1, 24, 1, 1, 1, 0, 6, 1, 2),
        ]));

        Assert.Equal(new LayerHardware(3, 12, 32, 32, 34, 36, 3, 5, 1, 6, 2, 3, 4, 5), layers[0]);
        Assert.Equal(new LayerHardware(12, 24, 32, 32, 38, 32, 7, 1, 2, 3, 0, 6, 1, 2), layers[1]);
    }

    private static Architecture Network(params (int Kh, int Kw, int Filters, int Sh, int Sw, int Pool)[] layers) =>
        FpgaCostModelTests.Network(layers);
}
