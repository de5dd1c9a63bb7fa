namespace PoNasOrleans.Nas.Fpga;

/// <summary>The FPGA budget a candidate must fit: at most <see cref="LutLimit"/> LUTs and more than
/// <see cref="MinThroughput"/> images per second at <see cref="ClockHz"/>.</summary>
public sealed record FpgaConstraints
{
    /// <summary>The clock frequency of the model (100 MHz).</summary>
    public const double ClockHz = 1e8;

    /// <summary>Creates constraints; both values must be positive (and the throughput finite).</summary>
    public FpgaConstraints(long lutLimit = 100_000, double minThroughput = 10)
    {
        if (lutLimit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lutLimit), lutLimit, "lutLimit (rLUT) must be positive");
        }

        if (!double.IsFinite(minThroughput) || minThroughput <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minThroughput), minThroughput, "minThroughput (rThroughput) must be positive and finite");
        }

        LutLimit = lutLimit;
        MinThroughput = minThroughput;
    }

    /// <summary>The paper's constraints: 100,000 LUTs, throughput above 10 images per second.</summary>
    public static FpgaConstraints Paper { get; } = new();

    /// <summary>rLUT: the largest LUT count allowed.</summary>
    public long LutLimit { get; }

    /// <summary>rThroughput: the throughput (images per second) a candidate must exceed.</summary>
    public double MinThroughput { get; }

    /// <summary>rCyc = 1e8 / rThroughput: the cycle budget of one image.</summary>
    public double CycleBudget => ClockHz / MinThroughput;
}
