using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PoNasOrleans.Experiments.Plots;
using PoNasOrleans.Experiments.Pool;
using PoNasOrleans.Experiments.Results;
using PoNasOrleans.Grains.Interfaces.Blocks;

namespace PoNasOrleans.Experiments;

/// <summary>
/// The paper's section 4.2 and Figures 2–4 on the pool: nine strong miners explore the paper's subspaces S1–S9, one
/// each (block 1, <see cref="AssignmentStrategy.ExploreOnly"/>), with the supervisor recording the high-reward group's
/// standard deviation; then one miner explores the full space (block 2: <c>balanced</c> into one subspace, which is
/// the full space) for the same number of episodes.
/// </summary>
internal static class SubspacesExperiment
{
    public const string Name = "subspaces";
    public const string DeviationName = "deviation";

    /// <summary>The series of the single miner on the full space.</summary>
    public const string Full = "full";

    private static readonly TimeSpan LastTickTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the nine-subspace block and, <paramref name="withSingleMiner"/>, the single miner's block; answers the
    /// subspace result (null without the single miner) and the deviation result of the nine-subspace block.
    /// </summary>
    public static async Task<(ExperimentResult? Subspaces, ExperimentResult Deviation)> Run(ExperimentSettings settings, ExperimentLog log, bool withSingleMiner, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        using var pool = await ExperimentPool.Start(settings, log, supervisor: true, stopping);
        await pool.Open(BlockPlan.PaperSubspaces(1), "nine miners on S1–S9");
        await pool.StartMiners(Enumerable.Range(1, 9).Select(i => ($"miner-{i}", 1.0)));
        var nineSeconds = (await pool.Explore(1, "nine miners on S1–S9")).TotalSeconds;
        var nine = await pool.Logs(1);
        var supervisor = await LastTick(pool, 1, nine.Sum(s => s.Episodes.Length));
        SubspaceLog? full = null;
        var fullSeconds = 0.0;
        if (withSingleMiner)
        {
            // alone on the machine it trains faster per wall-clock second than each of nine sharing it: a wall-clock
            // episode budget is scaled to the share of a core one of the nine gets, so that it buys as much training
            var alone = settings.Budget.EpisodeTimeBudget * Math.Min(1.0, (double)Environment.ProcessorCount / nine.Length);
            await pool.Open(new BlockPlan(2, "balanced", 1, AssignmentStrategy.ExploreOnly, BlockPlan.UntilExplored, alone), "one miner on the full space");
            fullSeconds = (await pool.Explore(2, "one miner on the full space")).TotalSeconds;
            full = (await pool.Logs(2)).Single();
        }

        await pool.StopMiners();
        var seconds = clock.Elapsed.TotalSeconds;
        var deviation = WriteDeviation(DeviationResult(settings, seconds, nine, supervisor), settings);
        return (full is null ? null : Write(SubspacesResult(settings, seconds, nine, full, nineSeconds, fullSeconds, HighGroup(supervisor, nine)), settings), deviation);
    }

    /// <summary>Writes the subspace result's files and its two plots (Figures 2 and 3: every curve; the high group's, zoomed).</summary>
    private static ExperimentResult Write(ExperimentResult result, ExperimentSettings settings)
    {
        var folder = settings.Folder(Name);
        var highGroup = result.Figure("pool", "high_group_at_end").Note!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var curves = result.Curves.GroupBy(p => p.Series).ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToImmutableArray());
        var names = curves.Keys.Where(k => k != Full).OrderBy(k => int.Parse(k[1..], CultureInfo.InvariantCulture)).ToList();
        var all = names.Select(n => ExplorationFigures.Chart(n, curves[n], dashed: true)).Prepend(ExplorationFigures.Chart("full space", curves[Full], dashed: false)).ToList();
        var what = $"{settings.Budget.Name} budget: {settings.Budget.EpisodesPerMiner} episodes per miner, {settings.Budget.Epochs} epoch(s) on {settings.Data.TrainImages} {(settings.Data.Location == "synth" ? "synthetic" : "CIFAR-10")} images, seed {settings.Seed}";
        var high = highGroup.Where(curves.ContainsKey).ToList();
        var zoomed = high.Select(n => ExplorationFigures.Chart(n, curves[n], dashed: true)).Prepend(ExplorationFigures.Chart("full space", curves[Full], dashed: false)).ToList();
        var from = Math.Max(1, settings.Budget.EpisodesPerMiner / 10);
        var low = zoomed.SelectMany(s => s.Points.Where(p => p.X >= from)).Select(p => p.Y).DefaultIfEmpty(0).Min();
        return ResultFiles.Write(result, folder,
            ("subspaces.svg", LineChart.Render(
                "Best reward: nine miners on S1–S9 against one miner on the full space", what, "episodes per miner", "best reward (validation accuracy)", all)),
            ("subspaces-high.svg", LineChart.Render(
                "Best reward of the high-reward subspaces (zoomed)", $"{string.Join(", ", high)}: the supervisor's high group at the end; y from episode {from} on", "episodes per miner",
                "best reward (validation accuracy)", zoomed, yMin: Math.Max(0, low - 0.02))));
    }

    /// <summary>Writes the deviation result's files and its plot (Figure 4).</summary>
    private static ExperimentResult WriteDeviation(ExperimentResult result, ExperimentSettings settings)
    {
        var folder = settings.Folder(DeviationName);
        var points = result.Curves.Where(p => p.Quantity == CurvePoint.Deviation).Select(p => (p.Episode, p.Value)).ToList();
        return ResultFiles.Write(result, folder, ("deviation.svg", LineChart.Render(
            "Standard deviation of the high-reward group's best rewards", $"the supervisor's series over block 1 (S1–S9, {settings.Budget.Name} budget, seed {settings.Seed})",
            "episodes per miner (the block's accepted episodes / 9)", "standard deviation", [new ChartSeries("high group", points)])));
    }

    /// <summary>The high group's subspaces at the supervisor's last tick of block 1 (the paper's Figure 3 shows these); the best four when the group has fewer than two.</summary>
    private static ImmutableArray<string> HighGroup(JsonElement supervisor, IReadOnlyCollection<SubspaceLog> nine)
    {
        var high = supervisor.GetProperty("high").EnumerateArray().Select(m => m.GetProperty("subspace").GetString()!).ToList();
        return high.Count >= 2 ? [.. high.Order(StringComparer.Ordinal)] : [.. nine.OrderByDescending(s => s.Curve.LastOrDefault()).Take(4).Select(s => s.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>The supervisor's state once it has a point for every episode of the block (it ticks every second).</summary>
    private static async Task<JsonElement> LastTick(ExperimentPool pool, long height, long episodes)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var supervisor = await pool.Get("/api/supervisor");
            if (supervisor.GetProperty("series").EnumerateArray().Any(p => p.GetProperty("height").GetInt64() == height && p.GetProperty("episodes").GetInt64() >= episodes)
                || clock.Elapsed > LastTickTimeout)
            {
                return supervisor;
            }

            await Task.Delay(500, pool.Stopping);
        }
    }

    private static ExperimentResult SubspacesResult(
        ExperimentSettings settings, double seconds, ImmutableArray<SubspaceLog> nine, SubspaceLog full, double nineSeconds, double fullSeconds, ImmutableArray<string> highGroup)
    {
        var curves = nine.SelectMany(s => ExplorationFigures.Curve(s.Name, s)).Concat(ExplorationFigures.Curve(Full, full)).ToImmutableArray();
        var rows = nine.SelectMany(s => ExplorationFigures.Rows(s.Name, s, settings.ExplorationImages)).Concat(ExplorationFigures.Rows(Full, full, settings.ExplorationImages)).ToList();
        var pool = ExplorationFigures.PoolCurve(nine);
        var single = full.Curve;
        var compared = Math.Min(pool.Length, single.Length);
        var leads = Enumerable.Range(0, compared).Count(k => pool[k] > single[k]);
        var above = nine.Count(s => s.Curve.LastOrDefault() > single.LastOrDefault());
        rows.Add(ExplorationFigures.PoolBest("pool", nine));
        rows.Add(new SummaryRow("pool", "episodes_pool_ahead_of_full", leads, string.Create(CultureInfo.InvariantCulture, $"of {compared}: the best of S1–S9 beats the single miner after that many episodes per miner")));
        rows.Add(new SummaryRow("pool", "subspaces_above_full_at_end", above, string.Join(' ', nine.Where(s => s.Curve.LastOrDefault() > single.LastOrDefault()).Select(s => s.Name))));
        rows.Add(new SummaryRow("pool", "high_group_at_end", highGroup.Length, string.Join(' ', highGroup)));
        rows.Add(new SummaryRow("block", "seconds_nine_miners", nineSeconds, "S1–S9 explored side by side"));
        rows.Add(new SummaryRow("block", "seconds_single_miner", fullSeconds, "the full space, one miner"));
        return new ExperimentResult(Name, settings.Budget.Name, settings.Seed, settings.Data.Location, settings.Data.TrainImages, seconds, curves, [.. rows],
        [
            "Curves are the best validation reward after each exploration episode of a subspace (episode = the controller's episode number), read from the pool's episode log; exploitation is off (explore-only), as in the paper's section 4.2.",
            "The nine subspaces run side by side as one block (nine agents sharing this machine's cores), then the single miner runs the full space alone as a second block with the same episodes, epochs, data and seed; with an episode time budget, the single miner's is scaled by cores / 9 (the share of a core each of the nine gets), so that it buys about as much training.",
            "Rewards come from a validation split held out of the training images (a tenth), not from the test split.",
        ]);
    }

    private static ExperimentResult DeviationResult(ExperimentSettings settings, double seconds, ImmutableArray<SubspaceLog> nine, JsonElement supervisor)
    {
        var series = supervisor.GetProperty("series").EnumerateArray().Where(p => p.GetProperty("height").GetInt64() == 1).ToList();
        var points = series.Select(p => new CurvePoint("high group", CurvePoint.Deviation, p.GetProperty("episodes").GetInt64() / (double)nine.Length, p.GetProperty("deviation").GetDouble())).ToImmutableArray();
        var rows = new List<SummaryRow> { new("series", "points", points.Length, "one per supervisor tick that saw new episodes") };
        if (points.Length > 0)
        {
            var peak = points.MaxBy(p => p.Value)!;
            rows.Add(new SummaryRow("series", "first", points[0].Value, string.Create(CultureInfo.InvariantCulture, $"at {points[0].Episode:F2} episodes per miner")));
            rows.Add(new SummaryRow("series", "peak", peak.Value, string.Create(CultureInfo.InvariantCulture, $"at {peak.Episode:F2} episodes per miner")));
            rows.Add(new SummaryRow("series", "last", points[^1].Value, string.Create(CultureInfo.InvariantCulture, $"at {points[^1].Episode:F2} episodes per miner")));
            var half = points.Where(p => p.Episode >= points[^1].Episode / 2).Select(p => p.Value).ToList();
            rows.Add(new SummaryRow("series", "range_second_half", half.Max() - half.Min(), "max − min over the second half of the episodes"));
        }

        foreach (var group in new[] { "high", "low" })
        {
            var members = supervisor.GetProperty(group).EnumerateArray().ToList();
            rows.Add(new SummaryRow(group, "size", members.Count, string.Join(' ', members.Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{m.GetProperty("subspace").GetString()}={m.GetProperty("reward").GetDouble():F4}")))));
        }

        return new ExperimentResult(DeviationName, settings.Budget.Name, settings.Seed, settings.Data.Location, settings.Data.TrainImages, seconds, points, [.. rows],
        [
            "The series is the pool supervisor's own (GET /api/supervisor), not recomputed: each tick (every second) splits the nine explorers' best rewards into high and low groups (exact 1-D two-means) and records the high group's population standard deviation when the block's accepted episodes changed.",
            "Episodes per miner is the block's accepted episodes divided by its nine subspaces; the groups listed are those of the last tick of block 1.",
        ]);
    }
}
