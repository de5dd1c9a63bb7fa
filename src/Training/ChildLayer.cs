using PoNasOrleans.Nas.Shapes;
using PoNasOrleans.Nas.Space;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training;

/// <summary>
/// One convolutional layer of a child network: "same" zero padding (floor/ceil split), Conv2d with the layer's
/// kernel and stride, ReLU, zero padding to a multiple of the pool size, MaxPool (window = stride = pool size),
/// dropout by layer index. In fixed point, the weights and bias are quantized signed with the layer's weight bits
/// and the convolution's output unsigned with its activation bits before the ReLU (as the reference does). The
/// unsigned clamp to [0, 2^int − q] already is the ReLU there, so the fixed-point paths skip the separate ReLU: the
/// values are the same, and the straight-through gradient is not cut at outputs that rounded to exactly 0.
/// </summary>
public sealed class ChildLayer : nn.Module<Tensor, LayerPrecision, Tensor>
{
    private readonly Conv2d convolution;
    private readonly Dropout? dropout;

    /// <summary>Creates layer <paramref name="index"/> (0-based) of a child network for inputs of the given shape.</summary>
    public ChildLayer(int index, Layer layer, LayerShape shape) : base($"layer{index}")
    {
        Index = index;
        Layer = layer;
        Shape = shape;
        WeightFormat = FixedPointFormat.WeightsOf(layer);
        ActivationFormat = FixedPointFormat.ActivationsOf(layer);
        DropoutProbability = DropoutSchedule.ForLayer(index);
        convolution = nn.Conv2d(
            shape.InputChannels,
            layer.NumFilters,
            kernel_size: (layer.FilterHeight, layer.FilterWidth),
            stride: (layer.StrideHeight, layer.StrideWidth));
        dropout = DropoutProbability > 0 ? nn.Dropout(DropoutProbability) : null;
        RegisterComponents();
    }

    /// <summary>The layer's 0-based index in the network.</summary>
    public int Index { get; }

    /// <summary>The layer's hyperparameters.</summary>
    public Layer Layer { get; }

    /// <summary>The sizes this layer was built for.</summary>
    public LayerShape Shape { get; }

    /// <summary>Fixed-point format of the weights and bias (signed).</summary>
    public FixedPointFormat WeightFormat { get; }

    /// <summary>Fixed-point format of the convolution's output (unsigned).</summary>
    public FixedPointFormat ActivationFormat { get; }

    /// <summary>The dropout probability after this layer (<see cref="DropoutSchedule"/>).</summary>
    public double DropoutProbability { get; }

    /// <summary>The convolution's weight, [filters, in channels, filter height, filter width], full precision.</summary>
    public Parameter Weight => convolution.weight!;

    /// <summary>The convolution's bias, [filters], full precision.</summary>
    public Parameter Bias => convolution.bias!;

    /// <inheritdoc />
    public override Tensor forward(Tensor input, LayerPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var x = Shape.ConvolutionPadding.IsZero ? input : nn.functional.pad(input, Shape.ConvolutionPadding.ToTorchPad());
        var y = precision switch
        {
            LayerPrecision.FullPrecision => nn.functional.relu(convolution.call(x)),
            LayerPrecision.FixedPoint => FixedPoint.QuantizeUnsigned(
                Convolve(x, FixedPoint.QuantizeSigned(Weight, WeightFormat), FixedPoint.QuantizeSigned(Bias, WeightFormat)),
                ActivationFormat),
            LayerPrecision.FixedPointStraightThrough => FixedPoint.QuantizeUnsignedStraightThrough(
                Convolve(x, FixedPoint.QuantizeSignedStraightThrough(Weight, WeightFormat), FixedPoint.QuantizeSignedStraightThrough(Bias, WeightFormat)),
                ActivationFormat),
            _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown layer precision"),
        };
        if (Layer.PoolSize > 1)
        {
            // zero padding is exact here: every window holds at least one real value, and all values are ≥ 0 after ReLU
            if (!Shape.PoolingPadding.IsZero)
            {
                y = nn.functional.pad(y, Shape.PoolingPadding.ToTorchPad());
            }

            y = nn.functional.max_pool2d(y, [Layer.PoolSize, Layer.PoolSize], [Layer.PoolSize, Layer.PoolSize]);
        }

        if (dropout is not null)
        {
            y = dropout.call(y);
        }

        return scope.MoveToOuter(y);
    }

    private Tensor Convolve(Tensor x, Tensor weight, Tensor bias) =>
        nn.functional.conv2d(x, weight, bias, strides: [Layer.StrideHeight, Layer.StrideWidth]);
}
