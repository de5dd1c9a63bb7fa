namespace PoNasOrleans.Nas.Shapes;

/// <summary>
/// The sizes of one child-network layer for a given input: the "same" padding and output of the convolution, the
/// padding of the max pooling and the layer's output (after pooling).
/// </summary>
public readonly record struct LayerShape(
    int InputChannels,
    int InputHeight,
    int InputWidth,
    SamePadding ConvolutionPadding,
    int ConvolutionHeight,
    int ConvolutionWidth,
    SamePadding PoolingPadding,
    int OutputChannels,
    int OutputHeight,
    int OutputWidth)
{
    /// <summary>Number of values in one sample's output: channels × height × width.</summary>
    public int OutputFeatures => OutputChannels * OutputHeight * OutputWidth;

    /// <summary>The output tensor size for a batch: [batch, channels, height, width].</summary>
    public long[] OutputSize(long batch) => [batch, OutputChannels, OutputHeight, OutputWidth];
}
