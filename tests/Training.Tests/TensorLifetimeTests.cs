using System.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests;

/// <summary>
/// Live tensors are counted by <see cref="Tensor.TotalCount"/>. The finalizer of a leaked tensor lowers that count
/// too, so the counts are taken with the garbage collector held off.
/// </summary>
public sealed class TensorLifetimeTests
{
    private static readonly Nas.Space.Architecture Small = TestArchitectures.Of(
        TestArchitectures.Layer(filters: 4, pool: 2),
        TestArchitectures.Layer(filterHeight: 5, filters: 4, strideWidth: 2, pool: 3),
        TestArchitectures.Layer(filters: 3));

    [Theory]
    [InlineData(QuantizationMode.None)]
    [InlineData(QuantizationMode.PostTraining)]
    [InlineData(QuantizationMode.QuantizationAware)]
    public void Repeated_passes_in_a_dispose_scope_keep_the_live_tensor_count(QuantizationMode mode)
    {
        using var network = new ChildNetwork(Small, mode);
        using var x = randn(4, 3, 32, 32);
        using var labels = randint(0, ChildNetwork.Classes, [4]);
        Pass(network, x, labels); // creates the gradients once

        var before = CollectAndCount();
        var after = CountWithoutCollection(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                Pass(network, x, labels);
            }
        });
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(QuantizationMode.None, true)]
    [InlineData(QuantizationMode.PostTraining, false)]
    [InlineData(QuantizationMode.QuantizationAware, true)]
    [InlineData(QuantizationMode.QuantizationAware, false)]
    public void A_forward_pass_without_an_outer_scope_leaves_only_its_output(QuantizationMode mode, bool training)
    {
        using var network = new ChildNetwork(Small, mode);
        using var x = randn(2, 3, 32, 32);
        network.train(training);
        network.call(x).Dispose(); // warm-up

        var before = CollectAndCount();
        Tensor? output = null;
        var after = CountWithoutCollection(() => output = network.call(x));
        Assert.Equal(before + 1, after);
        output!.Dispose();
        Assert.Equal(before, Tensor.TotalCount);
    }

    [Theory]
    [InlineData(LayerPrecision.FullPrecision)]
    [InlineData(LayerPrecision.FixedPoint)]
    [InlineData(LayerPrecision.FixedPointStraightThrough)]
    public void A_layer_pass_without_an_outer_scope_leaves_only_its_output(LayerPrecision precision)
    {
        using var network = new ChildNetwork(Small);
        using var x = randn(2, 3, 32, 32);
        var layer = network.Layers[0];
        layer.call(x, precision).Dispose(); // warm-up

        var before = CollectAndCount();
        var after = CountWithoutCollection(() => layer.call(x, precision).Dispose());
        Assert.Equal(before, after);
    }

    [Fact]
    public void Quantizing_without_an_outer_scope_leaves_only_the_result()
    {
        using var x = randn(16, requires_grad: true);
        var before = CollectAndCount();
        var after = CountWithoutCollection(() =>
        {
            FixedPoint.QuantizeSigned(x, new FixedPointFormat(1, 3)).Dispose();
            FixedPoint.QuantizeUnsignedStraightThrough(x, new FixedPointFormat(1, 3)).Dispose();
        });
        Assert.Equal(before, after);
    }

    private static void Pass(ChildNetwork network, Tensor x, Tensor labels)
    {
        using var scope = NewDisposeScope();
        network.train();
        network.zero_grad();
        nn.functional.cross_entropy(network.call(x), labels).backward();
        network.eval();
        using (no_grad())
        {
            _ = network.call(x).argmax(1);
        }
    }

    private static long CollectAndCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }

    private static long CountWithoutCollection(Action action)
    {
        var held = GC.TryStartNoGCRegion(64L * 1024 * 1024);
        try
        {
            action();
            return Tensor.TotalCount;
        }
        finally
        {
            if (held && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }
}
