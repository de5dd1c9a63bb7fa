using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Fpga;

/// <summary>
/// The hardware parameters of one layer: N input and M output channels, input size H×W, padded size R×C,
/// kernel Kh×Kw, input (Bii, Bif), output (Boi, Bof) and weight (Bwi, Bwf) bits.
/// </summary>
internal readonly record struct LayerHardware(
    int N, int M, int H, int W, int R, int C, int Kh, int Kw,
    int Bii, int Bif, int Boi, int Bof, int Bwi, int Bwf)
{
    private const int InputChannels = 3;
    private const int InputSize = 32;
    private const int InputIntBits = 1;
    private const int InputFracBits = 6;

    /// <summary>The parameters of every layer for a 3×32×32 input with (1, 6) input bits.</summary>
    public static LayerHardware[] Derive(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var layers = new LayerHardware[architecture.Layers.Length];
        var (n, h, w, bii, bif) = (InputChannels, InputSize, InputSize, InputIntBits, InputFracBits);
        for (var l = 0; l < layers.Length; l++)
        {
            var layer = architecture.Layers[l];
            var outHeight = OutputSize(h, layer.StrideHeight);
            var outWidth = OutputSize(w, layer.StrideWidth);
            layers[l] = new LayerHardware(
                n, layer.NumFilters, h, w,
                h + Padding(h, layer.FilterHeight, layer.StrideHeight),
                w + Padding(w, layer.FilterWidth, layer.StrideWidth),
                layer.FilterHeight, layer.FilterWidth,
                bii, bif, layer.ActNumIntBits, layer.ActNumFracBits, layer.WeightNumIntBits, layer.WeightNumFracBits);
            (n, h, w, bii, bif) = (
                layer.NumFilters,
                OutputSize(outHeight, layer.PoolSize),
                OutputSize(outWidth, layer.PoolSize),
                layer.ActNumIntBits,
                layer.ActNumFracBits);
        }

        return layers;
    }

    /// <summary>"Same" output size for a stride (also the pooled size, window = stride): floor((in + s − 1) / s).</summary>
    public static int OutputSize(int input, int stride) => (input + stride - 1) / stride;

    /// <summary>"Same" padding: max(0, (out − 1)·s + k − in).</summary>
    public static int Padding(int input, int kernel, int stride) =>
        Math.Max(0, ((OutputSize(input, stride) - 1) * stride) + kernel - input);

    /// <summary>LUTs per output channel of this layer's engine at <paramref name="tn"/> (see <see cref="ComputeEngine"/>).</summary>
    public long LutsPerOutputChannel(int tn, MultiplierTable multipliers) =>
        ComputeEngine.LutsPerOutputChannel(tn, Bii, Bif, Boi, Bof, Bwi, Bwf, multipliers);
}
