using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training;

/// <summary>
/// Fixed-point quantization of tensors (nas-training.md): x ← round(x/q)·q with q = 2^−frac, then a signed or
/// unsigned clamp (see <see cref="FixedPointFormat"/>). Rounding is torch.round: half to even (0.5 → 0, 1.5 → 2,
/// −2.5 → −2). Results are exact in float32 as long as int + frac ≤ 24.
/// </summary>
public static class FixedPoint
{
    /// <summary>Signed quantization (weights, biases, input); the rounding has zero gradient.</summary>
    public static Tensor QuantizeSigned(Tensor x, FixedPointFormat format) =>
        Quantize(x, format, format.SignedMinimum, format.SignedMaximum);

    /// <summary>Unsigned quantization (layer outputs before ReLU); the rounding has zero gradient.</summary>
    public static Tensor QuantizeUnsigned(Tensor x, FixedPointFormat format) =>
        Quantize(x, format, 0.0, format.UnsignedMaximum);

    /// <summary>
    /// Signed quantization with a straight-through estimator: the forward value is exactly
    /// <see cref="QuantizeSigned"/>; the gradient is the identity where x lies inside the signed range and zero
    /// where the clamp saturates.
    /// </summary>
    public static Tensor QuantizeSignedStraightThrough(Tensor x, FixedPointFormat format) =>
        StraightThrough(x, format, format.SignedMinimum, format.SignedMaximum);

    /// <summary>Unsigned quantization with a straight-through estimator (see <see cref="QuantizeSignedStraightThrough"/>).</summary>
    public static Tensor QuantizeUnsignedStraightThrough(Tensor x, FixedPointFormat format) =>
        StraightThrough(x, format, 0.0, format.UnsignedMaximum);

    private static Tensor Quantize(Tensor x, FixedPointFormat format, double minimum, double maximum)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        var scaled = x.mul(Math.ScaleB(1.0, format.FractionBits));
        var rounded = scaled.round();
        var grid = rounded.mul(format.Precision);
        var clamped = grid.clamp(minimum, Math.Max(minimum, maximum));
        return scope.MoveToOuter(clamped);
    }

    private static Tensor StraightThrough(Tensor x, FixedPointFormat format, double minimum, double maximum)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        Tensor quantized;
        using (no_grad())
        {
            quantized = Quantize(x, format, minimum, maximum);
        }

        // value: quantized + (c − c) = quantized exactly; gradient: that of clamp(x), 1 inside the range, 0 outside.
        var clamped = x.clamp(minimum, Math.Max(minimum, maximum));
        var passThrough = clamped - clamped.detach();
        var result = quantized + passThrough;
        return scope.MoveToOuter(result);
    }
}
