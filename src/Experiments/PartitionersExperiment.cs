using System.Collections.Immutable;
using System.Diagnostics;
using PoNasOrleans.Experiments.Plots;
using PoNasOrleans.Experiments.Pool;
using PoNasOrleans.Experiments.Results;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Partitioning;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Experiments;

/// <summary>
/// Algorithm 1 (random subsets per hyperparameter, overlapping) against the balanced partitioner (disjoint boxes of
/// equal size) at equal budget: the same miners, one subspace each (<see cref="AssignmentStrategy.ExploreOnly"/>),
/// the same episodes, training, data and seed; one block per partitioner; the partitions' metrics beside the rewards.
/// </summary>
internal static class PartitionersExperiment
{
    public const string Name = "partitioners";

    private static readonly string[] Compared = ["algorithm1", "balanced"];

    public static async Task<ExperimentResult> Run(ExperimentSettings settings, ExperimentLog log, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        var miners = settings.Budget.PartitionMiners;
        using var pool = await ExperimentPool.Start(settings, log, supervisor: false, stopping);
        var runs = new List<(string Partitioner, ImmutableArray<SubspaceLog> Logs, double Seconds)>();
        for (var i = 0; i < Compared.Length; i++)
        {
            await pool.Open(new BlockPlan(i + 1, Compared[i], miners, AssignmentStrategy.ExploreOnly, BlockPlan.UntilExplored), Compared[i]);
            if (i == 0)
            {
                await pool.StartMiners(Enumerable.Range(1, miners).Select(m => ($"miner-{m}", 1.0)));
            }

            var seconds = (await pool.Explore(i + 1, $"{Compared[i]}, {miners} miners")).TotalSeconds;
            runs.Add((Compared[i], await pool.Logs(i + 1), seconds));
        }

        await pool.StopMiners();
        var curves = new List<CurvePoint>();
        var rows = new List<SummaryRow>();
        foreach (var (partitioner, logs, seconds) in runs)
        {
            curves.AddRange(ExplorationFigures.Points($"{partitioner}/pool", ExplorationFigures.PoolCurve(logs)));
            curves.AddRange(logs.SelectMany(s => ExplorationFigures.Curve($"{partitioner}/{s.Name}", s)));
            rows.Add(ExplorationFigures.PoolBest(partitioner, logs));
            rows.Add(new SummaryRow(partitioner, "mean_subspace_best", logs.Average(s => s.Curve.LastOrDefault()), "mean over the miners of their subspace's best"));
            var explorations = logs.SelectMany(s => s.Explorations).ToList();
            rows.Add(new SummaryRow(partitioner, "feasible_share", explorations.Count == 0 ? 0 : explorations.Count(e => e.Feasible) / (double)explorations.Count));
            rows.Add(new SummaryRow(partitioner, "explorations", explorations.Count));
            rows.Add(new SummaryRow(partitioner, "seconds", seconds));
            rows.AddRange(logs.SelectMany(s => ExplorationFigures.Rows($"{partitioner}/{s.Name}", s, settings.ExplorationImages)));
            var metrics = PartitionMeasure.Measure(PresetCatalog.Paper.Full, [.. logs.Select(s => SpaceJson.Parse(s.Space))]);
            rows.Add(new SummaryRow(partitioner, "coverage", metrics.Coverage, metrics.CoverageIsExact ? "exact, per layer configuration" : "sampled"));
            rows.Add(new SummaryRow(partitioner, "mean_pairwise_overlap", metrics.MeanPairwiseOverlap, "Jaccard"));
            rows.Add(new SummaryRow(partitioner, "size_spread", metrics.SizeSpread, "largest / smallest subspace"));
        }

        var result = new ExperimentResult(Name, settings.Budget.Name, settings.Seed, settings.Data.Location, settings.Data.TrainImages, clock.Elapsed.TotalSeconds, [.. curves], [.. rows],
        [
            $"{miners} miners, one subspace each (explore-only, no exploitation), {settings.Budget.EpisodesPerMiner} explorations per subspace: the same budget for both partitioners; the partitions come from the task's seed ({settings.Seed}).",
            "Pool curves: after each miner's k-th exploration, the best of all subspaces so far. Partition metrics per layer configuration (docs/partitioning.md).",
        ]);
        return Write(result, settings);
    }

    private static ExperimentResult Write(ExperimentResult result, ExperimentSettings settings)
    {
        var folder = settings.Folder(Name);
        var metrics = new[] { ("pool_best", "pool's best"), ("mean_subspace_best", "mean subspace best"), ("coverage", "coverage"), ("mean_pairwise_overlap", "mean overlap") };
        var groups = metrics.Select(m => new BarGroup(m.Item2, [.. Compared.Select(p => new Bar(p, result.Figure(p, m.Item1).Value))])).ToList();
        var pools = Compared.Select(p => new ChartSeries(p, [.. result.Curves.Where(c => c.Series == $"{p}/pool").Select(c => (c.Episode, c.Value))])).ToList();
        return ResultFiles.Write(result, folder,
            ("partitioners.svg", BarChart.Render(
                "Algorithm 1 against the balanced partitioner at equal budget",
                $"{settings.Budget.PartitionMiners} miners × {settings.Budget.EpisodesPerMiner} explorations, {settings.Budget.Name} budget, seed {settings.Seed}", "value", groups)),
            ("partitioners-pool.svg", LineChart.Render(
                "The pool's best reward per partitioner", "best of all subspaces after each miner's k-th exploration", "episodes per miner", "best reward (validation accuracy)", pools)));
    }
}
