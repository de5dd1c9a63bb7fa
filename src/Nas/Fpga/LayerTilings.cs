using System.Buffers;

namespace PoNasOrleans.Nas.Fpga;

/// <summary>
/// The tilings of one layer, prepared to answer budget queries fast with exactly the reference's answers.
/// The reference scans Tn = 1 … N (outer) and Tm = 1 … M (inner) and keeps the first tiling with the fewest
/// LUTs and the first with the fewest cycles among those within both budgets.
/// </summary>
/// <remarks>
/// LUTs(Tn, Tm) = Tm · g(Tn) and cycles(Tn, Tm) = ceil(N/Tn) · ceil(M/Tm) · R'·C·Kh·Kw. Within one row (one Tn)
/// the tilings within both budgets are an interval of Tm: the smallest Tm whose cycles fit has the fewest LUTs,
/// and the smallest Tm with the block count of the largest Tm whose LUTs fit has the fewest cycles. Among rows
/// with the same ceil(N/Tn) the cycles are equal, so only a row whose g is below that of every earlier row of
/// its class can hold a first-found answer; the other rows are dropped once, for every query.
/// </remarks>
internal sealed class LayerTilings
{
    private readonly int m;
    private readonly Row[] rows;

    /// <summary>Prepares the rows of a layer whose cycles use <paramref name="cycleRows"/> = R'.</summary>
    public LayerTilings(in LayerHardware layer, MultiplierTable multipliers, int cycleRows)
    {
        m = layer.M;
        var candidates = ArrayPool<Row>.Shared.Rent(layer.N);
        var count = 0;
        var kernelCycles = (long)cycleRows * layer.C * layer.Kh * layer.Kw;
        var classInputBlocks = 0;
        var classLeast = long.MaxValue;
        for (var tn = 1; tn <= layer.N; tn++)
        {
            var inputBlocks = ComputeEngine.CeilDiv(layer.N, tn);
            if (inputBlocks != classInputBlocks)
            {
                classInputBlocks = inputBlocks;
                classLeast = long.MaxValue;
            }

            var lutsPerTm = layer.LutsPerOutputChannel(tn, multipliers);
            if (lutsPerTm < classLeast)
            {
                classLeast = lutsPerTm;
                candidates[count++] = new Row(tn, inputBlocks * kernelCycles, lutsPerTm);
            }
        }

        rows = candidates.AsSpan(0, count).ToArray();
        ArrayPool<Row>.Shared.Return(candidates);
    }

    /// <summary>
    /// The first tiling with the fewest LUTs and the first with the fewest cycles among those with at most
    /// <paramref name="lutBudget"/> LUTs and <paramref name="cycleLimit"/> cycles; false when none fits.
    /// </summary>
    public bool TrySearch(long lutBudget, long cycleLimit, out LayerTiling fewestLuts, out LayerTiling fewestCycles)
    {
        var (lutsRow, lutsTm, leastLuts) = (-1, 0, long.MaxValue);
        var (cyclesRow, cyclesBlocks, leastCycles) = (-1, 0, long.MaxValue);
        for (var r = 0; r < rows.Length; r++)
        {
            ref readonly var row = ref rows[r];
            var maxBlocks = cycleLimit / row.BlockCycles; // the largest ceil(M/Tm) within the cycle limit
            if (maxBlocks < 1)
            {
                continue;
            }

            var tmLow = maxBlocks >= m ? 1 : ComputeEngine.CeilDiv(m, (int)maxBlocks);
            var luts = tmLow * row.LutsPerTm;
            if (luts > lutBudget)
            {
                continue;
            }

            if (luts < leastLuts)
            {
                (lutsRow, lutsTm, leastLuts) = (r, tmLow, luts);
            }

            var tmHigh = row.LutsPerTm == 0 ? m : (int)Math.Min(m, lutBudget / row.LutsPerTm);
            var blocks = ComputeEngine.CeilDiv(m, tmHigh);
            var cycles = blocks * row.BlockCycles;
            if (cycles < leastCycles)
            {
                (cyclesRow, cyclesBlocks, leastCycles) = (r, blocks, cycles);
            }
        }

        if (lutsRow < 0)
        {
            fewestLuts = fewestCycles = default;
            return false;
        }

        fewestLuts = Tiling(lutsRow, lutsTm);
        fewestCycles = Tiling(cyclesRow, ComputeEngine.CeilDiv(m, cyclesBlocks));
        return true;
    }

    private LayerTiling Tiling(int r, int tm)
    {
        ref readonly var row = ref rows[r];
        return new LayerTiling(row.Tn, tm, tm * row.LutsPerTm, ComputeEngine.CeilDiv(m, tm) * row.BlockCycles);
    }

    /// <summary>One Tn: the cycles per block of Tm output channels, ceil(N/Tn)·R'·C·Kh·Kw, and the LUTs per output
    /// channel, g(Tn).</summary>
    private readonly record struct Row(int Tn, long BlockCycles, long LutsPerTm);
}
