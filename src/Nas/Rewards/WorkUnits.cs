using PoNasOrleans.Nas.Shapes;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Rewards;

/// <summary>
/// The work an accepted episode earns (consensus-and-pool.md, "Rewards by contribution"): the estimated training
/// cost, forward multiply-accumulates per image × images trained, in units of a million multiply-accumulates
/// (rounded up); an infeasible candidate, checked on the hardware model only, earns one unit.
/// </summary>
public static class WorkUnits
{
    /// <summary>Multiply-accumulates per work unit.</summary>
    public const long MultiplyAccumulatesPerUnit = 1_000_000;

    /// <summary>The fixed cost of an infeasible candidate.</summary>
    public const long InfeasibleCandidate = 1;

    /// <summary>The work units of an episode.</summary>
    public static long Of(Architecture architecture, bool feasible, long imagesTrained)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentOutOfRangeException.ThrowIfNegative(imagesTrained);
        if (!feasible)
        {
            return InfeasibleCandidate;
        }

        var macs = (Int128)ChildNetworkShape.MultiplyAccumulates(architecture) * imagesTrained;
        return Math.Max(InfeasibleCandidate, (long)((macs + MultiplyAccumulatesPerUnit - 1) / MultiplyAccumulatesPerUnit));
    }
}
