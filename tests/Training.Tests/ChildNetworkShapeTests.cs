using PoNasOrleans.Nas.Shapes;
using PoNasOrleans.Nas.Space;
using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests;

public sealed class ChildNetworkShapeTests
{
    [Theory]
    [InlineData(32, 3, 1, 32, 2)]
    [InlineData(32, 4, 1, 32, 3)]
    [InlineData(7, 3, 2, 4, 2)]
    [InlineData(2, 9, 5, 1, 7)]
    [InlineData(1, 9, 1, 1, 8)]
    [InlineData(32, 1, 5, 7, 0)]
    [InlineData(32, 9, 5, 7, 7)]
    public void Same_convolution_follows_the_fpga_model_formulas(int input, int kernel, int stride, int output, int padding)
    {
        Assert.Equal(output, ChildNetworkShape.SameOutputSize(input, stride));
        Assert.Equal(padding, ChildNetworkShape.SamePaddingTotal(input, kernel, stride));
    }

    [Theory]
    [InlineData(32, 2, 16)]
    [InlineData(7, 2, 4)]
    [InlineData(1, 5, 1)]
    [InlineData(6, 4, 2)]
    public void Pooling_gives_ceil_of_input_over_pool(int input, int pool, int output) =>
        Assert.Equal(output, ChildNetworkShape.PooledSize(input, pool));

    [Fact]
    public void Padding_is_split_floor_on_top_and_left_ceil_on_bottom_and_right()
    {
        Assert.Equal(new SamePadding(1, 2, 3, 4), SamePadding.Split(3, 7));
        Assert.Equal(new long[] { 3, 4, 1, 2 }, new SamePadding(1, 2, 3, 4).ToTorchPad());
    }

    [Fact]
    public void Layer_shape_combines_convolution_and_pooling()
    {
        // 32×32, kernel 4×1, stride (1, 5), pool 2: conv 32×7 padded (1,2 | 0,0); pool 16×4 padded (0,0 | 0,1)
        var shape = ChildNetworkShape.Of(TestArchitectures.Layer(filterHeight: 4, filterWidth: 1, filters: 6, strideWidth: 5, pool: 2), 3, 32, 32);
        Assert.Equal(new LayerShape(3, 32, 32, new SamePadding(1, 2, 0, 0), 32, 7, new SamePadding(0, 0, 0, 1), 6, 16, 4), shape);
    }

    [Fact]
    public void Random_architectures_have_the_module_shapes_of_the_shape_function()
    {
        var random = new Random(20240601);
        for (var trial = 0; trial < 120; trial++)
        {
            var architecture = TestArchitectures.Random(random);
            var precision = (LayerPrecision)(trial % 3);
            AssertModuleMatchesShapes(architecture, precision);
        }
    }

    [Theory]
    [InlineData(5, 5, 9, 9)] // stride 5 then pool 5: 32 → 7 → 2, then a 9×9 kernel on a 2×2 map
    [InlineData(4, 8, 9, 5)] // 32 → 8 → 1, then a 9×5 kernel on a 1×1 map
    [InlineData(5, 9, 9, 9)] // 32 → 7 → 1 (pool 9 > map), then 9×9 on 1×1
    public void Large_kernels_and_strides_on_tiny_maps(int stride, int pool, int filterHeight, int filterWidth)
    {
        var architecture = TestArchitectures.Of(
            TestArchitectures.Layer(filterHeight: 3, filterWidth: 3, filters: 3, strideHeight: stride, strideWidth: stride, pool: pool),
            TestArchitectures.Layer(filterHeight: filterHeight, filterWidth: filterWidth, filters: 2, strideHeight: 5, strideWidth: 5, pool: 2),
            TestArchitectures.Layer(filterHeight: 9, filterWidth: 9, filters: 2, strideHeight: 5, strideWidth: 1, pool: 5));
        var shapes = ChildNetworkShape.Of(architecture);
        Assert.True(shapes[0].OutputHeight <= 2);
        Assert.All(shapes.Skip(1), s => Assert.Equal((1, 1), (s.OutputHeight, s.OutputWidth)));
        AssertModuleMatchesShapes(architecture, LayerPrecision.FullPrecision);
        AssertModuleMatchesShapes(architecture, LayerPrecision.FixedPointStraightThrough);
    }

    private static void AssertModuleMatchesShapes(Architecture architecture, LayerPrecision precision)
    {
        using var scope = NewDisposeScope();
        var shapes = ChildNetworkShape.Of(architecture);
        using var network = new ChildNetwork(architecture);
        network.eval();
        var x = randn(2, 3, 32, 32);
        Assert.Equal(shapes.Length, network.Layers.Length);
        for (var i = 0; i < shapes.Length; i++)
        {
            Assert.Equal(shapes[i], network.Layers[i].Shape);
            x = network.Layers[i].call(x, precision);
            Assert.True(
                shapes[i].OutputSize(2).SequenceEqual(x.shape),
                $"layer {i} of {architecture}: expected [{string.Join(", ", shapes[i].OutputSize(2))}], got [{string.Join(", ", x.shape)}]");
        }

        var logits = network.call(randn(2, 3, 32, 32));
        Assert.Equal(new long[] { 2, ChildNetwork.Classes }, logits.shape);
    }
}
