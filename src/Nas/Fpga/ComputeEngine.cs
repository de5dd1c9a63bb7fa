namespace PoNasOrleans.Nas.Fpga;

/// <summary>
/// The compute engine of one layer at tiling (Tn, Tm): Tn·Tm multipliers, an adder tree over Tn products and
/// an accumulator and truncator per output channel. LUT and cycle formulas of the reference.
/// </summary>
public static class ComputeEngine
{
    /// <summary>
    /// LUTs of the engine for tiling (<paramref name="tn"/>, <paramref name="tm"/>), input bits (Bii, Bif),
    /// output bits (Boi, Bof) and weight bits (Bwi, Bwf): mult + add + trunc.
    /// </summary>
    public static long Luts(int tn, int tm, int bii, int bif, int boi, int bof, int bwi, int bwf, MultiplierTable multipliers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tm);
        ArgumentOutOfRangeException.ThrowIfNegative(bii);
        ArgumentOutOfRangeException.ThrowIfNegative(bif);
        ArgumentOutOfRangeException.ThrowIfNegative(boi);
        ArgumentOutOfRangeException.ThrowIfNegative(bof);
        ArgumentOutOfRangeException.ThrowIfNegative(bwi);
        ArgumentOutOfRangeException.ThrowIfNegative(bwf);
        ArgumentNullException.ThrowIfNull(multipliers);
        return tm * LutsPerOutputChannel(tn, bii, bif, boi, bof, bwi, bwf, multipliers);
    }

    /// <summary>Cycles of one layer: ceil(M/Tm)·ceil(N/Tn)·rows·columns·Kh·Kw.</summary>
    public static long Cycles(int tn, int tm, int n, int m, int rows, int columns, int kernelHeight, int kernelWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tm);
        return (long)CeilDiv(m, tm) * CeilDiv(n, tn) * rows * columns * kernelHeight * kernelWidth;
    }

    /// <summary>TRUNC(a, b, c, d): LUTs of the truncator of one output channel.</summary>
    public static long Truncator(int a, int b, int c, int d)
    {
        if (a < 3 || b < 2)
        {
            return 0;
        }

        var luts = 3 + (a - 3) + (b - 2) - d;
        if (c > 1)
        {
            luts--;
        }

        if (c == a - 1 && d == b - 1)
        {
            luts--;
        }

        return luts;
    }

    /// <summary>
    /// The engine's LUTs per output channel at Tm = 1; every term (mult, adder tree, accumulator, trunc)
    /// scales with Tm, so LUTs(Tn, Tm) = Tm · this.
    /// </summary>
    internal static long LutsPerOutputChannel(int tn, int bii, int bif, int boi, int bof, int bwi, int bwf, MultiplierTable multipliers)
    {
        long mult = (long)multipliers[bii, bwi + bwf] * tn;
        var i = bii + bwi;
        var f = bif + bwf;
        long add = 0;
        for (var p = tn; p > 1; p = (p + 1) / 2, i++)
        {
            add += (long)(i + f) * (p / 2);
        }

        i = Math.Max(i, boi);
        f = Math.Max(f, bof);
        add += i + f;
        i++;
        var trunc = Truncator(Math.Max(i, boi), Math.Max(f, bof), Math.Abs(i - boi), Math.Abs(f - bof));
        return mult + add + trunc;
    }

    internal static int CeilDiv(int numerator, int denominator) => (numerator + denominator - 1) / denominator;
}
