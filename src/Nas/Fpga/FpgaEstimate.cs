using System.Collections.Immutable;

namespace PoNasOrleans.Nas.Fpga;

/// <summary>
/// The hardware estimate of one architecture: LUTs (maximum over groups), cycles per image (sum over groups),
/// throughput (images per second), feasibility, and the layer groups with each layer's tiling.
/// </summary>
public sealed record FpgaEstimate(
    long Luts,
    long Cycles,
    double Throughput,
    bool Feasible,
    ImmutableArray<ImmutableArray<LayerTiling>> Groups)
{
    /// <summary>The estimate when no grouping fits the budgets: 0 LUTs, 0 cycles, throughput 0, infeasible.</summary>
    public static FpgaEstimate NoSolution { get; } = new(0, 0, 0, false, []);

    /// <summary>The estimate of a found solution: throughput 1e8 / cycles; feasible when
    /// luts ≤ rLUT and throughput &gt; rThroughput (strict, as in the reference).</summary>
    public static FpgaEstimate Of(long luts, long cycles, ImmutableArray<ImmutableArray<LayerTiling>> groups, FpgaConstraints constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycles);
        var throughput = FpgaConstraints.ClockHz / cycles;
        var feasible = luts <= constraints.LutLimit && throughput > constraints.MinThroughput;
        return new FpgaEstimate(luts, cycles, throughput, feasible, groups);
    }
}
