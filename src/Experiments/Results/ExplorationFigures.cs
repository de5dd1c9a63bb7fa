using System.Collections.Immutable;
using System.Globalization;
using PoNasOrleans.Experiments.Plots;
using PoNasOrleans.Experiments.Pool;

namespace PoNasOrleans.Experiments.Results;

/// <summary>Curves, figures and chart series from the explorations the pool logged.</summary>
internal static class ExplorationFigures
{
    /// <summary>A subspace's best-reward curve: one point per exploration (episode 1, 2, …).</summary>
    public static IEnumerable<CurvePoint> Curve(string series, SubspaceLog subspace)
    {
        ArgumentNullException.ThrowIfNull(subspace);
        return subspace.Curve.Select((best, i) => new CurvePoint(series, CurvePoint.BestReward, i + 1, best));
    }

    /// <summary>
    /// A pool's best-reward curve over episodes per miner: after each miner's k-th exploration, the best of all its
    /// subspaces so far (the miners explore side by side, one subspace each).
    /// </summary>
    public static ImmutableArray<double> PoolCurve(IReadOnlyCollection<SubspaceLog> subspaces)
    {
        ArgumentNullException.ThrowIfNull(subspaces);
        var curves = subspaces.Select(s => s.Curve).Where(c => c.Length > 0).ToList();
        var length = curves.Select(c => c.Length).DefaultIfEmpty(0).Max();
        return [.. Enumerable.Range(0, length).Select(k => curves.Max(c => c[Math.Min(k, c.Length - 1)]))];
    }

    /// <summary>Curve points of a pool curve.</summary>
    public static IEnumerable<CurvePoint> Points(string series, ImmutableArray<double> curve) =>
        curve.Select((best, i) => new CurvePoint(series, CurvePoint.BestReward, i + 1, best));

    /// <summary>A chart series of a best-reward curve.</summary>
    public static ChartSeries Chart(string name, ImmutableArray<double> curve, bool dashed) =>
        new(name, [.. curve.Select((best, i) => ((double)(i + 1), best))], dashed);

    /// <summary>
    /// A subspace's figures: best reward (and where), explorations, feasible share, training share (images trained by a
    /// feasible exploration over the <paramref name="fullTraining"/> images of its epochs: below 1 when the episode
    /// time budget stopped it) and mean seconds of a feasible exploration.
    /// </summary>
    public static IEnumerable<SummaryRow> Rows(string series, SubspaceLog subspace, double fullTraining)
    {
        ArgumentNullException.ThrowIfNull(subspace);
        var explorations = subspace.Explorations;
        var best = explorations.OrderByDescending(e => e.Reward).ThenBy(e => e.ControllerEpisodes).FirstOrDefault();
        var feasible = explorations.Where(e => e.Feasible).ToList();
        yield return new SummaryRow(series, "best_reward", best?.Reward ?? 0,
            best is null ? "no exploration" : string.Create(CultureInfo.InvariantCulture, $"exploration {best.ControllerEpisodes} by {best.MinerId}"));
        yield return new SummaryRow(series, "explorations", explorations.Length, string.Join(' ', subspace.Explorers));
        yield return new SummaryRow(series, "feasible_share", explorations.Length == 0 ? 0 : (double)feasible.Count / explorations.Length);
        yield return new SummaryRow(series, "training_share", feasible.Count == 0 ? 0 : feasible.Average(e => e.ImagesTrained / fullTraining), "images trained by a feasible exploration over its epochs' images");
        yield return new SummaryRow(series, "seconds_per_feasible_exploration", feasible.Count == 0 ? 0 : feasible.Average(e => e.Seconds), "wall-clock, reported by the miner, on a shared CPU");
    }

    /// <summary>The best episode of a block (explorations and exploitations), with a note of where it came from.</summary>
    public static SummaryRow PoolBest(string series, IReadOnlyCollection<SubspaceLog> subspaces)
    {
        ArgumentNullException.ThrowIfNull(subspaces);
        var best = subspaces.SelectMany(s => s.Episodes.Select(e => (Subspace: s.Name, Episode: e)))
            .OrderByDescending(x => x.Episode.Reward).ThenBy(x => x.Episode.AcceptedAt).FirstOrDefault();
        return best.Subspace is null
            ? new SummaryRow(series, "pool_best", 0, "no episode")
            : new SummaryRow(series, "pool_best", best.Episode.Reward,
                $"{best.Subspace} by {best.Episode.MinerId} ({(best.Episode.Explore ? string.Create(CultureInfo.InvariantCulture, $"exploration {best.Episode.ControllerEpisodes}") : "exploitation")})");
    }
}
