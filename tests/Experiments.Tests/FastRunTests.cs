using System.Globalization;
using System.Xml.Linq;
using PoNasOrleans.Experiments.Results;

namespace PoNasOrleans.Experiments.Tests;

/// <summary>
/// The fast variant of every experiment on a real local pool: the structure and sanity of what it writes (files,
/// curves, episode counts, ranges, the supervisor's series), not which setting wins.
/// </summary>
public sealed class FastRunTests(FastRun run) : IClassFixture<FastRun>
{
    private static readonly string[] Experiments = ["subspaces", "deviation", "weak", "partitioners", "reference"];

    private int Episodes => run.Settings.Budget.EpisodesPerMiner;

    [Fact]
    public void Every_experiment_writes_its_curves_summary_json_and_well_formed_svg_plots()
    {
        Assert.Equal(Experiments, run.Results.Select(r => r.Experiment));
        foreach (var result in run.Results)
        {
            var folder = Path.Combine(run.Folder, result.Experiment);
            Assert.StartsWith("experiment,series,quantity,episode,value\n", File.ReadAllText(Path.Combine(folder, ResultFiles.Curves)), StringComparison.Ordinal);
            Assert.StartsWith("experiment,series,metric,value,note\n", File.ReadAllText(Path.Combine(folder, ResultFiles.Summary)), StringComparison.Ordinal);
            Assert.Equal(result.Curves.Length + 1, File.ReadAllLines(Path.Combine(folder, ResultFiles.Curves)).Length);
            var read = ResultFiles.Read(folder);
            Assert.Equal((result.Experiment, result.Budget, result.Curves.Length, result.Summary.Length), (read.Experiment, read.Budget, read.Curves.Length, read.Summary.Length));
            Assert.True(result.Seconds > 0);
            foreach (var plot in result.Plots)
            {
                var svg = XDocument.Load(Path.Combine(folder, plot));
                Assert.Equal("svg", svg.Root!.Name.LocalName);
                Assert.Contains(svg.Descendants(), e => e.Name.LocalName is "polyline" or "rect");
            }
        }

        Assert.Equal(["subspaces.svg", "subspaces-high.svg"], run.Result("subspaces").Plots.ToArray());
        Assert.Equal(["deviation.svg"], run.Result("deviation").Plots.ToArray());
        Assert.Equal(["weak.svg", "weak-pool.svg"], run.Result("weak").Plots.ToArray());
        Assert.Equal(["partitioners.svg", "partitioners-pool.svg"], run.Result("partitioners").Plots.ToArray());
    }

    [Fact]
    public void Best_reward_curves_never_decrease_and_rewards_lie_between_zero_and_one()
    {
        foreach (var result in run.Results)
        {
            foreach (var series in result.Curves.Where(p => p.Quantity == CurvePoint.BestReward).GroupBy(p => p.Series))
            {
                var points = series.ToList();
                Assert.All(points, p => Assert.InRange(p.Value, 0, 1));
                Assert.All(points.Zip(points.Skip(1)), pair =>
                {
                    Assert.True(pair.Second.Episode > pair.First.Episode, $"{result.Experiment} {series.Key}: episodes not increasing");
                    Assert.True(pair.Second.Value >= pair.First.Value, $"{result.Experiment} {series.Key}: best reward fell at episode {pair.Second.Episode}");
                });
            }

            Assert.All(result.Summary.Where(r => r.Metric is "best_reward" or "pool_best" or "training_share" or "feasible_share" || r.Metric.EndsWith("_best", StringComparison.Ordinal)), r => Assert.InRange(r.Value, 0, 1));
        }
    }

    [Fact]
    public void Nine_subspaces_and_the_single_miner_each_explore_the_budgeted_episodes()
    {
        var result = run.Result("subspaces");
        var series = result.Curves.GroupBy(p => p.Series).ToDictionary(g => g.Key, g => g.Select(p => p.Episode).ToList());
        Assert.Equal([.. Enumerable.Range(1, 9).Select(i => $"S{i}"), "full"], series.Keys);
        Assert.All(series.Values, episodes => Assert.Equal(Enumerable.Range(1, Episodes).Select(e => (double)e), episodes));
        Assert.All(series.Keys, name => Assert.Equal(Episodes, result.Figure(name, "explorations").Value));

        // one miner per subspace, as in the paper's section 4.2
        var explorers = series.Keys.Where(k => k != "full").Select(name => result.Figure(name, "explorations").Note).ToList();
        Assert.All(explorers, e => Assert.Matches("^miner-[1-9]$", e));
        Assert.Equal(9, explorers.Distinct().Count());
        Assert.Equal(result.Summary.Where(r => r.Metric == "best_reward" && r.Series.StartsWith('S')).Max(r => r.Value), result.Figure("pool", "pool_best").Value);
    }

    [Fact]
    public void The_deviation_series_is_the_supervisors_and_covers_the_whole_nine_subspace_block()
    {
        var result = run.Result("deviation");
        var points = result.Curves.Where(p => p.Quantity == CurvePoint.Deviation).ToList();
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.InRange(p.Value, 0, 0.5));
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.Second.Episode > pair.First.Episode));
        Assert.Equal(Episodes, points[^1].Episode, 6);
        var groups = result.Figure("high", "size").Value + result.Figure("low", "size").Value;
        Assert.Equal(9, groups);
        Assert.True(result.Figure("high", "size").Value >= 1);
    }

    [Fact]
    public void The_weak_miners_explore_the_lucky_subspaces_under_the_naive_assignment_and_exploit_under_the_strategy()
    {
        var result = run.Result("weak");
        var lucky = result.Summary.Where(r => r.Series == "naive" && System.Text.RegularExpressions.Regex.IsMatch(r.Metric, "^S[1-9]_best$"))
            .Select(r => r.Metric[..^"_best".Length]).ToList();
        Assert.Equal(2, lucky.Count);
        Assert.Equal(9 * Episodes, result.Figure("naive", "explorations").Value);
        Assert.Equal(0, result.Figure("naive", "exploitations").Value);
        Assert.All(lucky, name => Assert.Matches("^weak-[12]$", result.Figure($"naive/{name}", "explorations").Note));
        Assert.All(Enumerable.Range(1, 9).Select(i => $"S{i}").Except(lucky), name => Assert.Matches("^strong-[1-7]$", result.Figure($"naive/{name}", "explorations").Note));

        Assert.Equal((2.0 * Episodes, 0.0), (result.Figure("naive", "weak_explorations").Value, result.Figure("naive", "weak_exploitations").Value));

        // under the strategy the weak miners exploit (the training phase may end before every subspace is explored; a
        // weak miner whose measured speed briefly passes the threshold may explore a little: counted, not asserted)
        Assert.InRange(result.Figure("strategy", "explorations").Value, 1, 9 * Episodes);
        Assert.True(result.Figure("strategy", "weak_exploitations").Value > 0);
        Assert.True(result.Figure("naive/weak", "training_share").Value < result.Figure("naive/strong", "training_share").Value);
        Assert.True(result.Figure("pool", "episode_time_budget_seconds").Value > 0);
    }

    [Fact]
    public void Both_partitioners_get_the_same_miners_and_episodes_and_their_partitions_are_measured()
    {
        var result = run.Result("partitioners");
        var miners = run.Settings.Budget.PartitionMiners;
        foreach (var partitioner in new[] { "algorithm1", "balanced" })
        {
            Assert.Equal(miners * Episodes, result.Figure(partitioner, "explorations").Value);
            Assert.Equal(Enumerable.Range(1, Episodes).Select(e => (double)e), result.Curves.Where(p => p.Series == $"{partitioner}/pool").Select(p => p.Episode));
            Assert.InRange(result.Figure(partitioner, "coverage").Value, 0, 1);
        }

        Assert.Equal((1.0, 0.0), (result.Figure("balanced", "coverage").Value, result.Figure("balanced", "mean_pairwise_overlap").Value));
    }

    [Fact]
    public void The_reference_timing_measures_seconds_per_epoch_of_a_feasible_six_layer_architecture()
    {
        var result = run.Result("reference");
        Assert.True(result.Figure("reference", "seconds_per_epoch").Value > 0);
        Assert.Equal("feasible", result.Figure("reference", "luts").Note);
        Assert.True(result.Figure("paper", "episode_hours_on_this_cpu").Value > 0);
        Assert.Contains("experiment all, fast budget", run.Output, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"explorations {9 * Episodes}/{9 * Episodes}"), run.Output, StringComparison.Ordinal);
    }
}
