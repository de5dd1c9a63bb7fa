using System.Collections.Immutable;
using PoNasOrleans.Nas.Shapes;
using PoNasOrleans.Nas.Space;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training;

/// <summary>
/// The child network of an architecture (nas-training.md): its convolutional layers (<see cref="ChildLayer"/>) on a
/// 3×32×32 input, then the head flatten → Linear(·, 256) → ReLU → Dropout(0.5) → Linear(256, 10). All dropout,
/// the head's included, is active in training mode only. <see cref="Quantization"/> decides when it computes in
/// fixed point; in fixed point the input is quantized signed (8, 8) and the head stays in full precision.
/// </summary>
public sealed class ChildNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Number of classes (CIFAR-10).</summary>
    public const int Classes = ChildNetworkShape.Classes;

    /// <summary>Width of the head's hidden linear layer.</summary>
    public const int HiddenUnits = ChildNetworkShape.HiddenUnits;

    private readonly ModuleList<ChildLayer> layers;
    private readonly Linear hidden;
    private readonly Dropout headDropout;
    private readonly Linear output;

    /// <summary>Builds the network of an architecture; parameters are initialised by torch's defaults.</summary>
    public ChildNetwork(Architecture architecture, QuantizationMode quantization = QuantizationMode.PostTraining)
        : base(nameof(ChildNetwork))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Architecture = architecture;
        Quantization = quantization;
        Shapes = ChildNetworkShape.Of(architecture);
        Layers = [.. architecture.Layers.Select((layer, index) => new ChildLayer(index, layer, Shapes[index]))];
        layers = new ModuleList<ChildLayer>([.. Layers]);
        hidden = nn.Linear(Shapes[^1].OutputFeatures, HiddenUnits);
        headDropout = nn.Dropout(DropoutSchedule.Head);
        output = nn.Linear(HiddenUnits, Classes);
        RegisterComponents();
    }

    /// <summary>The architecture this network was built from.</summary>
    public Architecture Architecture { get; }

    /// <summary>The per-layer shapes (<see cref="ChildNetworkShape"/>).</summary>
    public ImmutableArray<LayerShape> Shapes { get; }

    /// <summary>The convolutional layers, input side first.</summary>
    public ImmutableArray<ChildLayer> Layers { get; }

    /// <summary>When the network computes in fixed point; may be changed between passes.</summary>
    public QuantizationMode Quantization { get; set; }

    /// <summary>How the next forward pass computes, from <see cref="Quantization"/> and training or eval mode.</summary>
    public LayerPrecision Precision => Quantization switch
    {
        QuantizationMode.None => LayerPrecision.FullPrecision,
        QuantizationMode.PostTraining => training ? LayerPrecision.FullPrecision : LayerPrecision.FixedPoint,
        QuantizationMode.QuantizationAware => training ? LayerPrecision.FixedPointStraightThrough : LayerPrecision.FixedPoint,
        _ => throw new InvalidOperationException($"unknown quantization mode {Quantization}"),
    };

    /// <summary>Class scores (logits), [batch, 10], for images [batch, 3, 32, 32].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ndim != 4 || input.shape[1] != ChildNetworkShape.InputChannels
            || input.shape[2] != ChildNetworkShape.InputHeight || input.shape[3] != ChildNetworkShape.InputWidth)
        {
            throw new ArgumentException(
                $"expected images of shape [batch, {ChildNetworkShape.InputChannels}, {ChildNetworkShape.InputHeight}, {ChildNetworkShape.InputWidth}], got [{string.Join(", ", input.shape)}]",
                nameof(input));
        }

        using var scope = NewDisposeScope();
        var precision = Precision;
        var x = precision == LayerPrecision.FullPrecision ? input : FixedPoint.QuantizeSigned(input, FixedPointFormat.Input);
        foreach (var layer in layers)
        {
            x = layer.call(x, precision);
        }

        x = x.flatten(1);
        x = nn.functional.relu(hidden.call(x));
        x = headDropout.call(x);
        x = output.call(x);
        return scope.MoveToOuter(x);
    }
}
