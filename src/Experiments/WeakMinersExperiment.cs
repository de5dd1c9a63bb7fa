using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using PoNasOrleans.Experiments.Plots;
using PoNasOrleans.Experiments.Pool;
using PoNasOrleans.Experiments.Results;
using PoNasOrleans.Grains.Interfaces.Blocks;

namespace PoNasOrleans.Experiments;

/// <summary>
/// The paper's section 4.3.2 on the pool: seven strong miners and two weak ones (a tenth of the episode time budget)
/// over S1–S9. Block 1 assigns naively (<see cref="AssignmentStrategy.ExploreOnly"/>): the agents join in the
/// partition's order so that the weak ones get the two "lucky" subspaces and explore them themselves. Block 2 uses
/// the pool's strategy (<see cref="AssignmentStrategy.ExploreExploit"/>): only strong miners explore, the weak ones
/// exploit confirmed architectures. The same miners, episodes per subspace, data and seed; the pool's best in each.
/// </summary>
internal static class WeakMinersExperiment
{
    public const string Name = "weak";

    /// <summary>The paper's figures (section 4.3.2): the pool's best with naive assignment and with the strategy.</summary>
    public const double PaperNaive = 0.7829;

    /// <inheritdoc cref="PaperNaive"/>
    public const double PaperStrategy = 0.8204;

    /// <summary>A weak miner's share of the episode time budget (the paper's ten times weaker miner).</summary>
    public const double WeakFactor = 0.1;

    /// <summary>
    /// Without a budget's episode time budget: one of this many times the time a strong miner is predicted to need for
    /// an episode of the calibration network: generous for strong miners (an architecture up to this many times
    /// costlier is not cut), while a weak miner's tenth cuts most of its episodes short.
    /// </summary>
    public const double EpisodeBudgetMultiple = 3;

    /// <summary>
    /// The strategy block's training phase in naive blocks: seven strong miners explore nine subspaces while the weak
    /// ones exploit beside them, so it needs more than one naive block's time.
    /// </summary>
    public const double PhaseInNaiveBlocks = 3;

    /// <summary>The least margin the strength threshold keeps from the fastest weak and the slowest strong miner.</summary>
    public const double ThresholdMargin = 1.5;

    private const int Miners = 9;

    public static async Task<ExperimentResult> Run(ExperimentSettings settings, ExperimentLog log, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var lucky = settings.Lucky ?? ExperimentSettings.PaperLucky;
        var clock = Stopwatch.StartNew();
        var miners = Placement(lucky);
        var groups = Arrivals(miners);
        using var pool = await ExperimentPool.Start(settings, log, supervisor: false, stopping);

        // the first miners alone (their calibration sets the episode time budget when the budget has none)
        await pool.StartMiners(groups[0].Select(m => (m.Id, m.Factor)));
        var episodeBudget = settings.Budget.EpisodeTimeBudget ?? await CalibratedEpisodeBudget(pool, settings, groups[0], log);
        await pool.Open(BlockPlan.PaperSubspaces(1, episodeBudget), "naive");
        foreach (var group in groups)
        {
            if (group != groups[0])
            {
                await pool.StartMiners(group.Select(m => (m.Id, m.Factor)));
            }

            await pool.WaitForExplorers(1, [.. group.Select(m => m.Subspace)]);
        }

        var naiveSeconds = (await pool.Explore(1, "naive: weak miners explore the lucky subspaces")).TotalSeconds;
        var naive = await pool.Logs(1);
        var misplaced = naive.Where(s => lucky.Contains(s.Name) && s.Explorers.Any(id => !IsWeak(id))).Select(s => s.Name).ToList();
        if (misplaced.Count > 0)
        {
            throw new InvalidOperationException($"the naive block did not give {string.Join(", ", misplaced)} to weak miners");
        }

        var strengths = await pool.EffectiveStrengths();
        var slowestStrong = miners.Where(m => !IsWeak(m.Id)).Min(m => strengths[m.Id]);
        var fastestWeak = miners.Where(m => IsWeak(m.Id)).Max(m => strengths[m.Id]);
        var (phase, threshold) = StrategyPhase(settings, naiveSeconds, slowestStrong, fastestWeak);
        await pool.Open(new BlockPlan(2, "paper", 9, AssignmentStrategy.ExploreExploit, phase, episodeBudget), "strategy");
        var strategySeconds = (await pool.Explore(2, "strategy: strong miners explore, weak ones exploit")).TotalSeconds;
        var strategy = await pool.Logs(2);
        await pool.StopMiners();

        var result = Result(settings, clock.Elapsed.TotalSeconds, lucky, naive, strategy);
        var rows = result.Summary.ToList();
        rows.Add(new SummaryRow("naive", "seconds", naiveSeconds, "block 1, until every subspace was explored"));
        rows.Add(new SummaryRow("strategy", "seconds", strategySeconds, "block 2, until every subspace was explored or its training phase ended"));
        rows.Add(new SummaryRow("strategy", "training_phase_seconds", phase.TotalSeconds, string.Create(CultureInfo.InvariantCulture, $"strong from {threshold:F1} effective images/s")));
        rows.Add(new SummaryRow("pool", "episode_time_budget_seconds", episodeBudget.TotalSeconds, $"a weak miner gets {WeakFactor} of it"));
        rows.Add(new SummaryRow("pool", "slowest_strong_images_per_second", slowestStrong, "effective, as the pool measured it after block 1"));
        rows.Add(new SummaryRow("pool", "fastest_weak_images_per_second", fastestWeak, "effective (× 0.1), as the pool measured it after block 1"));
        return Write(result with { Summary = [.. rows] }, settings, lucky);
    }

    /// <summary>
    /// The strategy block's training phase and the strength threshold it implies (episodes × epochs × images ÷ phase):
    /// <see cref="PhaseInNaiveBlocks"/> naive blocks long, unless the pool's own strength rule would then let a weak
    /// miner explore or make a strong one exploit; then as close to that as keeps the threshold
    /// <see cref="ThresholdMargin"/> away from both (at their geometric mean when the gap is narrower).
    /// </summary>
    public static (TimeSpan Phase, double Threshold) StrategyPhase(ExperimentSettings settings, double naiveSeconds, double slowestStrong, double fastestWeak)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (fastestWeak >= slowestStrong)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"the pool's measured effective speeds do not separate the weak miners (up to {fastestWeak:F1} images/s) from the strong ones (from {slowestStrong:F1})"));
        }

        var work = (double)settings.Budget.EpisodesPerMiner * settings.Budget.Epochs * settings.Data.TrainImages;
        var (low, high) = (fastestWeak * ThresholdMargin, slowestStrong / ThresholdMargin);
        var threshold = low <= high ? Math.Clamp(work / (PhaseInNaiveBlocks * naiveSeconds), low, high) : Math.Sqrt(fastestWeak * slowestStrong);
        var phase = TimeSpan.FromSeconds(Math.Floor(work / threshold));
        return (phase, work / phase.TotalSeconds);
    }

    /// <summary>
    /// An episode time budget of <see cref="EpisodeBudgetMultiple"/> times the time a strong miner is predicted to need
    /// for an episode of the calibration network, from the first miners' calibration and the share of a core each of
    /// the nine agents will get.
    /// </summary>
    private static async Task<TimeSpan> CalibratedEpisodeBudget(ExperimentPool pool, ExperimentSettings settings, ImmutableArray<(string Subspace, string Id, double Factor)> first, ExperimentLog log)
    {
        var calibrated = await pool.Calibrated([.. first.Select(m => m.Id)]);
        var speed = Median(first.Select(m => calibrated[m.Id] / m.Factor));
        var cores = Environment.ProcessorCount;
        var sharing = Math.Max(1.0, (double)Miners / cores) / Math.Max(1.0, (double)first.Length / cores);
        var budget = TimeSpan.FromSeconds(Math.Round(EpisodeBudgetMultiple * settings.Budget.Epochs * settings.Data.TrainImages * sharing / speed, 1));
        log.Line(string.Create(CultureInfo.InvariantCulture,
            $"weak: calibration {speed:F0} images/s with {first.Length} agent(s) running; nine agents on {cores} cores: episode time budget {budget.TotalSeconds:F1} s ({WeakFactor} of it for a weak miner)"));
        return budget;
    }

    /// <summary>Which miner the naive assignment gives each of S1–S9: a weak miner on each lucky subspace, strong ones elsewhere.</summary>
    public static ImmutableArray<(string Subspace, string Id, double Factor)> Placement(ImmutableArray<string> lucky)
    {
        var names = Enumerable.Range(1, Miners).Select(i => $"S{i}").ToList();
        if (lucky.Length != 2 || lucky.Distinct().Count() != 2 || !lucky.All(names.Contains))
        {
            throw new ArgumentException($"--lucky needs two different subspaces of S1–S9, got {string.Join(",", lucky)}");
        }

        var (weak, strong) = (0, 0);
        return [.. names.Select(name => lucky.Contains(name) ? (name, $"weak-{++weak}", WeakFactor) : (name, $"strong-{++strong}", 1.0))];
    }

    /// <summary>The order of arrival: runs of miners of one kind in the partition's order, each run once the previous holds its subspaces.</summary>
    public static ImmutableArray<ImmutableArray<(string Subspace, string Id, double Factor)>> Arrivals(ImmutableArray<(string Subspace, string Id, double Factor)> placement)
    {
        var groups = ImmutableArray.CreateBuilder<ImmutableArray<(string, string, double)>>();
        var run = new List<(string Subspace, string Id, double Factor)>();
        foreach (var miner in placement)
        {
            if (run.Count > 0 && IsWeak(run[0].Id) != IsWeak(miner.Id))
            {
                groups.Add([.. run]);
                run.Clear();
            }

            run.Add(miner);
        }

        groups.Add([.. run]);
        return groups.ToImmutable();
    }

    private static bool IsWeak(string minerId) => minerId.StartsWith("weak-", StringComparison.Ordinal);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static ExperimentResult Result(ExperimentSettings settings, double seconds, ImmutableArray<string> lucky, ImmutableArray<SubspaceLog> naive, ImmutableArray<SubspaceLog> strategy)
    {
        var curves = new List<CurvePoint>();
        var rows = new List<SummaryRow>();
        foreach (var (setting, logs) in new[] { ("naive", naive), ("strategy", strategy) })
        {
            curves.AddRange(AcceptedCurve($"{setting}/pool", logs));
            curves.AddRange(logs.SelectMany(s => ExplorationFigures.Curve($"{setting}/{s.Name}", s)));
            rows.Add(ExplorationFigures.PoolBest(setting, logs));
            rows.Add(new SummaryRow(setting, "best_exploration", logs.Max(s => s.Curve.LastOrDefault()), "the best of the explorations alone"));
            rows.Add(new SummaryRow(setting, "best_exploitation", logs.SelectMany(s => s.Episodes).Where(e => !e.Explore).Select(e => e.Reward).DefaultIfEmpty(0).Max(), "the best of the exploitations alone"));
            rows.Add(new SummaryRow(setting, "weak_best", logs.SelectMany(s => s.Episodes).Where(e => IsWeak(e.MinerId)).Select(e => e.Reward).DefaultIfEmpty(0).Max(), "the best episode of a weak miner"));
            rows.AddRange(logs.SelectMany(s => ExplorationFigures.Rows($"{setting}/{s.Name}", s, settings.ExplorationImages)));
            rows.AddRange(lucky.Select(name => new SummaryRow(setting, $"{name}_best", logs.Single(s => s.Name == name).Best, "best of the lucky subspace, exploitations included")));
            rows.Add(new SummaryRow(setting, "explorations", logs.Sum(s => s.Explorations.Length), $"of {logs.Length * settings.Budget.EpisodesPerMiner} planned"));
            rows.Add(new SummaryRow(setting, "exploitations", logs.Sum(s => s.Episodes.Length - s.Explorations.Length)));
            var weakEpisodes = logs.SelectMany(s => s.Episodes).Where(e => IsWeak(e.MinerId)).ToList();
            rows.Add(new SummaryRow(setting, "weak_explorations", weakEpisodes.Count(e => e.Explore), "explorations by the weak miners"));
            rows.Add(new SummaryRow(setting, "weak_exploitations", weakEpisodes.Count(e => !e.Explore), "exploitations by the weak miners"));
            foreach (var weak in new[] { true, false })
            {
                var trained = logs.SelectMany(s => s.Episodes).Where(e => e.Feasible && IsWeak(e.MinerId) == weak).ToList();
                var full = (double)settings.Data.TrainImages * settings.Budget.Epochs;
                rows.Add(new SummaryRow($"{setting}/{(weak ? "weak" : "strong")}", "training_share",
                    trained.Count == 0 ? 0 : trained.Average(e => e.ImagesTrained / (e.Explore ? full : (double)settings.Data.TrainImages * settings.Budget.ExploitEpochs)),
                    string.Create(CultureInfo.InvariantCulture, $"mean images trained over the epochs' images, {trained.Count} feasible episodes")));
            }
        }

        return new ExperimentResult(Name, settings.Budget.Name, settings.Seed, settings.Data.Location, settings.Data.TrainImages, seconds, [.. curves], [.. rows],
        [
            $"Lucky subspaces: {string.Join(", ", lucky)} (the weak miners explore them under the naive assignment).",
            "Naive: block 1 assigns explore-only; the agents join in the partition's order, so the weak miners take the lucky subspaces; every miner explores its subspace to the end of its budget and nobody exploits.",
            "Strategy: block 2 assigns explore-exploit with a training phase that puts the pool's strength threshold at the geometric mean of the slowest strong and the fastest weak miner's measured effective speed: the seven strong miners explore all nine subspaces, the weak miners exploit confirmed architectures (longer training of neighbours) with a tenth of the episode time budget.",
            "A weak miner is weak by time: each of its episodes gets a tenth of the episode time budget and stops training when it runs out (training_share); the paper's weak miner instead ran a tenth of the episodes.",
            "Pool curves follow the block's accepted episodes in order (x = accepted episodes / 9 miners).",
        ]);
    }

    /// <summary>The pool's best over its accepted episodes in order of acceptance, per miner (x = accepted episodes / miners).</summary>
    private static IEnumerable<CurvePoint> AcceptedCurve(string series, ImmutableArray<SubspaceLog> logs)
    {
        var ordered = logs.SelectMany(s => s.Episodes).OrderBy(e => e.AcceptedAt).Select(e => e.Reward);
        return SubspaceLog.BestSoFar(ordered).Select((best, i) => new CurvePoint(series, CurvePoint.BestReward, (i + 1) / (double)Miners, best));
    }

    private static ExperimentResult Write(ExperimentResult result, ExperimentSettings settings, ImmutableArray<string> lucky)
    {
        var folder = settings.Folder(Name);
        var ours = new[] { "naive", "strategy" };
        var groups = new List<BarGroup>
        {
            new("pool's best", [
                new Bar("naive (this run)", result.Figure("naive", "pool_best").Value), new Bar("strategy (this run)", result.Figure("strategy", "pool_best").Value),
                new Bar("naive (paper)", PaperNaive, Reference: true), new Bar("strategy (paper)", PaperStrategy, Reference: true)]),
            new("best exploration", [.. ours.Select(s => new Bar($"{s} (this run)", result.Figure(s, "best_exploration").Value))]),
        };
        groups.AddRange(lucky.Select(name => new BarGroup($"{name} (lucky)",
            [.. ours.Select(s => new Bar($"{s} (this run)", result.Figure(s, $"{name}_best").Value))])));
        var pools = ours.Select(s => new ChartSeries(s, [.. result.Curves.Where(p => p.Series == $"{s}/pool").Select(p => (p.Episode, p.Value))])).ToList();
        return ResultFiles.Write(result, folder,
            ("weak.svg", BarChart.Render(
                "Two weak miners: naive assignment against exploration/exploitation",
                $"{settings.Budget.Name} budget, seed {settings.Seed}; paper: naive 0.7829 (weak miners 0.5701, 0.7724), strategy 0.8204 on CIFAR-10",
                "best reward (validation accuracy)", groups)),
            ("weak-pool.svg", LineChart.Render(
                "The pool's best reward as episodes are accepted", "naive (block 1) and strategy (block 2), the same nine miners", "accepted episodes / 9 miners", "best reward (validation accuracy)", pools)));
    }
}
