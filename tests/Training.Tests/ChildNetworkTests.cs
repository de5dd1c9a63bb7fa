using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests;

public sealed class ChildNetworkTests
{
    // Low bit widths so that fixed point visibly changes the result.
    private static readonly Nas.Space.Architecture Coarse = TestArchitectures.Of(
        TestArchitectures.Layer(filters: 6, pool: 2, actInt: 1, actFrac: 2, weightInt: 0, weightFrac: 3),
        TestArchitectures.Layer(filterHeight: 5, filterWidth: 3, filters: 5, strideHeight: 2, pool: 2, actInt: 2, actFrac: 2, weightInt: 1, weightFrac: 2));

    [Fact]
    public void Head_and_layer_dropout_are_off_in_eval_mode()
    {
        using var scope = NewDisposeScope();
        using var network = new ChildNetwork(Coarse, QuantizationMode.None);
        var x = randn(4, 3, 32, 32);
        network.eval();
        manual_seed(1);
        var first = network.call(x);
        manual_seed(2);
        var second = network.call(x);
        Assert.True(first.IsSameAs(second));

        network.train();
        manual_seed(1);
        var trainingA = network.call(x);
        manual_seed(2);
        var trainingB = network.call(x);
        Assert.False(trainingA.IsSameAs(trainingB));
    }

    [Fact]
    public void Precision_follows_mode_and_training_flag()
    {
        using var network = new ChildNetwork(Coarse);
        (QuantizationMode Mode, LayerPrecision Training, LayerPrecision Eval)[] expected =
        [
            (QuantizationMode.None, LayerPrecision.FullPrecision, LayerPrecision.FullPrecision),
            (QuantizationMode.PostTraining, LayerPrecision.FullPrecision, LayerPrecision.FixedPoint),
            (QuantizationMode.QuantizationAware, LayerPrecision.FixedPointStraightThrough, LayerPrecision.FixedPoint),
        ];
        foreach (var (mode, trainingPrecision, evalPrecision) in expected)
        {
            network.Quantization = mode;
            network.train();
            Assert.Equal(trainingPrecision, network.Precision);
            network.eval();
            Assert.Equal(evalPrecision, network.Precision);
        }
    }

    [Fact]
    public void Post_training_quantization_changes_only_evaluation()
    {
        using var scope = NewDisposeScope();
        using var network = new ChildNetwork(Coarse, QuantizationMode.PostTraining);
        var x = randn(8, 3, 32, 32);
        var before = network.parameters().Select(p => p.detach().clone()).ToList();

        network.eval();
        var quantized = network.call(x);
        network.Quantization = QuantizationMode.None;
        var full = network.call(x);
        Assert.False(quantized.allclose(full, rtol: 0, atol: 1e-4), "quantized evaluation should differ from full precision");

        network.train();
        network.Quantization = QuantizationMode.PostTraining;
        manual_seed(5);
        var trainingQuantizedMode = network.call(x);
        network.Quantization = QuantizationMode.None;
        manual_seed(5);
        var trainingFullMode = network.call(x);
        Assert.True(trainingQuantizedMode.IsSameAs(trainingFullMode), "training in post-training mode is full precision");

        var after = network.parameters().ToList();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.True(after[i].IsSameAs(before[i]), "evaluation must not overwrite the stored weights");
        }
    }

    [Fact]
    public void Fixed_point_layer_uses_quantized_weights_bias_and_activations()
    {
        using var scope = NewDisposeScope();
        using var network = new ChildNetwork(Coarse);
        network.eval();
        var layer = network.Layers[0];
        var input = FixedPoint.QuantizeSigned(randn(3, 3, 32, 32), FixedPointFormat.Input);

        var padded = nn.functional.pad(input, layer.Shape.ConvolutionPadding.ToTorchPad());
        var weight = FixedPoint.QuantizeSigned(layer.Weight, layer.WeightFormat);
        var bias = FixedPoint.QuantizeSigned(layer.Bias, layer.WeightFormat);
        var convolution = nn.functional.conv2d(padded, weight, bias);
        var activation = nn.functional.relu(FixedPoint.QuantizeUnsigned(convolution, layer.ActivationFormat)); // a no-op
        var expected = nn.functional.max_pool2d(activation, [2, 2], [2, 2]);

        var actual = layer.call(input, LayerPrecision.FixedPoint);
        Assert.True(actual.IsSameAs(expected));

        // the output lies on the activation grid: multiples of 2^-2 in [0, 2 − 2^-2]
        var steps = actual.mul(4);
        Assert.True(steps.IsSameAs(steps.round()));
        Assert.True(actual.max().item<float>() <= 1.75f);
    }

    [Fact]
    public void Quantization_aware_forward_equals_post_training_evaluation()
    {
        using var scope = NewDisposeScope();
        using var network = new ChildNetwork(Coarse, QuantizationMode.QuantizationAware);
        var x = randn(4, 3, 32, 32);
        network.eval();
        var aware = network.call(x);
        network.Quantization = QuantizationMode.PostTraining;
        var post = network.call(x);
        Assert.True(aware.IsSameAs(post));

        var layer = network.Layers[0];
        var straightThrough = layer.call(x, LayerPrecision.FixedPointStraightThrough);
        var plain = layer.call(x, LayerPrecision.FixedPoint);
        Assert.True(straightThrough.IsSameAs(plain));
    }

    [Fact]
    public void Quantization_aware_training_passes_gradients_to_the_weights()
    {
        // enough fraction bits that torch's initial weights do not all round to zero
        var architecture = TestArchitectures.Of(
            TestArchitectures.Layer(filters: 6, pool: 2, actInt: 1, actFrac: 4, weightInt: 1, weightFrac: 6),
            TestArchitectures.Layer(filterHeight: 5, filters: 5, strideHeight: 2, pool: 2, actInt: 2, actFrac: 4, weightInt: 0, weightFrac: 6));
        using var scope = NewDisposeScope();
        using var network = new ChildNetwork(architecture, QuantizationMode.QuantizationAware);
        network.train();
        var x = randn(8, 3, 32, 32);
        var labels = randint(0, ChildNetwork.Classes, [8]);
        var loss = nn.functional.cross_entropy(network.call(x), labels);
        loss.backward();
        foreach (var layer in network.Layers)
        {
            Assert.True(layer.Weight.grad!.abs().sum().item<float>() > 0, $"layer {layer.Index} got no gradient");
        }
    }

    [Fact]
    public void Conv_forward_and_backward_run_on_the_cpu()
    {
        using var scope = NewDisposeScope();
        using var network = new ChildNetwork(Coarse, QuantizationMode.None);
        network.train();
        var loss = network.call(randn(2, 3, 32, 32)).square().mean();
        loss.backward();
        Assert.Equal(new long[] { 6, 3, 3, 3 }, network.Layers[0].Weight.grad!.shape);
        Assert.Equal(DeviceType.CPU, network.Layers[0].Weight.device_type);
    }

    [Fact]
    public void Wrong_input_shape_is_refused()
    {
        using var scope = NewDisposeScope();
        using var network = new ChildNetwork(Coarse);
        var error = Assert.Throws<ArgumentException>(() => network.call(randn(2, 3, 28, 28)));
        Assert.Contains("[2, 3, 28, 28]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Head_sees_the_flattened_last_layer()
    {
        using var network = new ChildNetwork(Coarse);
        var last = network.Shapes[^1];
        Assert.Equal((5, 4, 8), (last.OutputChannels, last.OutputHeight, last.OutputWidth));
        var hidden = network.named_parameters().Single(p => p.name == "hidden.weight").parameter;
        Assert.Equal(new long[] { ChildNetwork.HiddenUnits, 5 * 4 * 8 }, hidden.shape);
    }
}
