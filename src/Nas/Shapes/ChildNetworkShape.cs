using System.Collections.Immutable;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Shapes;

/// <summary>
/// The shape function of a child network, from the formulas of fpga-model.md: "same" convolution
/// out = floor((in + s − 1)/s), pad = max(0, (out − 1)·s + k − in); pooling with window = stride = p gives
/// floor((out + p − 1)/p), padded by (that · p − out). No size ever drops to zero.
/// </summary>
public static class ChildNetworkShape
{
    /// <summary>Channels of the input image.</summary>
    public const int InputChannels = 3;

    /// <summary>Height of the input image.</summary>
    public const int InputHeight = 32;

    /// <summary>Width of the input image.</summary>
    public const int InputWidth = 32;

    /// <summary>Units of the head's hidden linear layer.</summary>
    public const int HiddenUnits = 256;

    /// <summary>Classes the head predicts.</summary>
    public const int Classes = 10;

    /// <summary>"Same" output size: floor((in + stride − 1) / stride), i.e. ceil(in / stride).</summary>
    public static int SameOutputSize(int input, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        return (input + stride - 1) / stride;
    }

    /// <summary>Total "same" padding of one dimension: max(0, (out − 1)·stride + kernel − in).</summary>
    public static int SamePaddingTotal(int input, int kernel, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        return Math.Max(0, ((SameOutputSize(input, stride) - 1) * stride) + kernel - input);
    }

    /// <summary>Size after max pooling with window = stride = <paramref name="pool"/>: ceil(in / pool).</summary>
    public static int PooledSize(int input, int pool) => SameOutputSize(input, pool);

    /// <summary>The shape of one layer for an input of the given size.</summary>
    public static LayerShape Of(Layer layer, int inputChannels, int inputHeight, int inputWidth)
    {
        var convolutionHeight = SameOutputSize(inputHeight, layer.StrideHeight);
        var convolutionWidth = SameOutputSize(inputWidth, layer.StrideWidth);
        var convolutionPadding = SamePadding.Split(
            SamePaddingTotal(inputHeight, layer.FilterHeight, layer.StrideHeight),
            SamePaddingTotal(inputWidth, layer.FilterWidth, layer.StrideWidth));
        var outputHeight = PooledSize(convolutionHeight, layer.PoolSize);
        var outputWidth = PooledSize(convolutionWidth, layer.PoolSize);
        var poolingPadding = SamePadding.Split(
            SamePaddingTotal(convolutionHeight, layer.PoolSize, layer.PoolSize),
            SamePaddingTotal(convolutionWidth, layer.PoolSize, layer.PoolSize));
        return new LayerShape(
            inputChannels, inputHeight, inputWidth,
            convolutionPadding, convolutionHeight, convolutionWidth,
            poolingPadding, layer.NumFilters, outputHeight, outputWidth);
    }

    /// <summary>The per-layer shapes of a child network on a 3×32×32 input.</summary>
    public static ImmutableArray<LayerShape> Of(Architecture architecture) =>
        Of(architecture, InputChannels, InputHeight, InputWidth);

    /// <summary>The per-layer shapes of a child network on an input of the given size.</summary>
    public static ImmutableArray<LayerShape> Of(Architecture architecture, int inputChannels, int inputHeight, int inputWidth)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputChannels);
        var builder = ImmutableArray.CreateBuilder<LayerShape>(architecture.Layers.Length);
        var (channels, height, width) = (inputChannels, inputHeight, inputWidth);
        foreach (var layer in architecture.Layers)
        {
            var shape = Of(layer, channels, height, width);
            builder.Add(shape);
            (channels, height, width) = (shape.OutputChannels, shape.OutputHeight, shape.OutputWidth);
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// Multiply-accumulates of one forward pass of an image: every convolution (at its output size, before pooling)
    /// and the head's two linear layers. Pooling, activations and dropout are not counted.
    /// </summary>
    public static long MultiplyAccumulates(Architecture architecture)
    {
        var shapes = Of(architecture);
        long macs = 0;
        for (var i = 0; i < shapes.Length; i++)
        {
            var layer = architecture.Layers[i];
            macs += (long)shapes[i].ConvolutionHeight * shapes[i].ConvolutionWidth * layer.NumFilters * shapes[i].InputChannels * layer.FilterHeight * layer.FilterWidth;
        }

        return macs + ((long)shapes[^1].OutputFeatures * HiddenUnits) + (HiddenUnits * Classes);
    }
}
