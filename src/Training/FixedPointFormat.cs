using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Training;

/// <summary>
/// A fixed-point number format with <see cref="IntegerBits"/> integer and <see cref="FractionBits"/> fractional bits:
/// precision q = 2^−frac; signed values lie in [−2^(int−1), 2^(int−1) − q], unsigned values in [0, 2^int − q].
/// With int = 0 the signed range is [−0.5, 0.5 − q] and the unsigned one [0, 1 − q]; with int = frac = 0 both
/// collapse to one value (−0.5 signed, 0 unsigned), exactly as the reference's formulas give.
/// </summary>
public readonly record struct FixedPointFormat
{
    /// <summary>The largest number of integer or fractional bits accepted.</summary>
    public const int MaxBits = 30;

    /// <summary>Creates a format; each bit count lies in 0..<see cref="MaxBits"/>.</summary>
    public FixedPointFormat(int integerBits, int fractionBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(integerBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(integerBits, MaxBits);
        ArgumentOutOfRangeException.ThrowIfNegative(fractionBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fractionBits, MaxBits);
        IntegerBits = integerBits;
        FractionBits = fractionBits;
    }

    /// <summary>The format of the input image: signed (8, 8).</summary>
    public static FixedPointFormat Input { get; } = new(8, 8);

    /// <summary>Integer bits (int).</summary>
    public int IntegerBits { get; }

    /// <summary>Fractional bits (frac).</summary>
    public int FractionBits { get; }

    /// <summary>The precision q = 2^−frac.</summary>
    public double Precision => Math.ScaleB(1.0, -FractionBits);

    /// <summary>The smallest signed value, −2^(int−1).</summary>
    public double SignedMinimum => -Math.ScaleB(1.0, IntegerBits - 1);

    /// <summary>The largest signed value, 2^(int−1) − q.</summary>
    public double SignedMaximum => Math.ScaleB(1.0, IntegerBits - 1) - Precision;

    /// <summary>The largest unsigned value, 2^int − q (the smallest is 0).</summary>
    public double UnsignedMaximum => Math.ScaleB(1.0, IntegerBits) - Precision;

    /// <summary>The format of a layer's weights and biases.</summary>
    public static FixedPointFormat WeightsOf(Layer layer) => new(layer.WeightNumIntBits, layer.WeightNumFracBits);

    /// <summary>The format of a layer's outputs (activations).</summary>
    public static FixedPointFormat ActivationsOf(Layer layer) => new(layer.ActNumIntBits, layer.ActNumFracBits);

    /// <summary>round(x/q)·q (half to even, as torch.round) clamped to the signed range.</summary>
    public double QuantizeSigned(double value) => Math.Clamp(RoundToGrid(value), SignedMinimum, Math.Max(SignedMinimum, SignedMaximum));

    /// <summary>round(x/q)·q (half to even, as torch.round) clamped to the unsigned range.</summary>
    public double QuantizeUnsigned(double value) => Math.Clamp(RoundToGrid(value), 0.0, Math.Max(0.0, UnsignedMaximum));

    /// <inheritdoc />
    public override string ToString() => $"({IntegerBits}, {FractionBits})";

    private double RoundToGrid(double value) =>
        Math.ScaleB(Math.Round(Math.ScaleB(value, FractionBits), MidpointRounding.ToEven), -FractionBits);
}
