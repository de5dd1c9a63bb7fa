using System.Collections.Immutable;

namespace PoNasOrleans.Nas.Supervision;

/// <summary>
/// The supervisor's split of miners into a high-reward and a low-reward group by their best rewards (the paper's
/// section 3.2 and Figure 4): the split of the sorted rewards into two runs that minimises the sum of the groups'
/// squared deviations (1-D two-means, exact), ties resolved towards the larger high group. When all rewards are
/// equal (one reward included) they are all in the high group; with none both groups are empty.
/// </summary>
/// <param name="High">The high group's rewards, best first.</param>
/// <param name="Low">The low group's rewards, best first.</param>
public sealed record RewardGroups(ImmutableArray<double> High, ImmutableArray<double> Low)
{
    /// <summary>The population standard deviation of the high group's best rewards (0 for fewer than two).</summary>
    public double HighDeviation => Deviation(High);

    /// <summary>Splits the miners' best rewards (each finite, in [0, 1]).</summary>
    public static RewardGroups Of(IEnumerable<double> bestRewards)
    {
        ArgumentNullException.ThrowIfNull(bestRewards);
        var sorted = bestRewards.OrderDescending().ToImmutableArray();
        if (sorted.Any(r => !double.IsFinite(r) || r is < 0 or > 1))
        {
            throw new ArgumentException("best rewards must be finite and in [0, 1]", nameof(bestRewards));
        }

        if (sorted.Length < 2 || sorted[0] == sorted[^1])
        {
            return new RewardGroups(sorted, []);
        }

        var split = 1;
        var least = double.PositiveInfinity;
        for (var high = sorted.Length - 1; high >= 1; high--)
        {
            var cost = SquaredDeviations(sorted[..high]) + SquaredDeviations(sorted[high..]);
            if (cost < least - 1e-15)
            {
                least = cost;
                split = high;
            }
        }

        return new RewardGroups(sorted[..split], sorted[split..]);
    }

    private static double SquaredDeviations(ImmutableArray<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean));
    }

    private static double Deviation(ImmutableArray<double> values) =>
        values.Length < 2 ? 0 : Math.Sqrt(SquaredDeviations(values) / values.Length);
}
