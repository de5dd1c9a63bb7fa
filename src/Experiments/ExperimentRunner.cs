using System.Collections.Immutable;
using System.Globalization;
using PoNasOrleans.Experiments.Pool;
using PoNasOrleans.Experiments.Results;

namespace PoNasOrleans.Experiments;

/// <summary>Runs an experiment by name (<c>all</c>: each in turn) and prints its headline figures and wall-clock time.</summary>
internal static class ExperimentRunner
{
    public const string All = "all";

    /// <summary>The experiment names, <c>all</c> last.</summary>
    public static readonly ImmutableArray<string> Names =
        [SubspacesExperiment.Name, SubspacesExperiment.DeviationName, WeakMinersExperiment.Name, PartitionersExperiment.Name, ReferenceTiming.Name, All];

    /// <summary>
    /// Runs <paramref name="name"/>; <c>all</c> runs subspaces (whose nine-subspace block also gives the deviation
    /// series, as in the paper), weak (on the two best subspaces of that run unless <c>--lucky</c> names them),
    /// partitioners and the reference timing.
    /// </summary>
    public static async Task<ImmutableArray<ExperimentResult>> Run(string name, ExperimentSettings settings, TextWriter output, CancellationToken stopping = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var log = new ExperimentLog(output);
        log.Line(string.Create(CultureInfo.InvariantCulture,
            $"experiment {name}, {settings.Budget.Name} budget: {settings.Budget.EpisodesPerMiner} episodes per miner, {settings.Budget.Epochs} epoch(s) on {settings.Data.TrainImages} " +
            $"{(settings.Data.Location == "synth" ? "synthetic" : settings.Data.Location)} training images, {settings.Budget.Layers} layers, seed {settings.Seed}; results in {Path.GetFullPath(settings.Out)}"));
        var results = ImmutableArray.CreateBuilder<ExperimentResult>();
        switch (name)
        {
            case SubspacesExperiment.Name or SubspacesExperiment.DeviationName or All:
                var (subspaces, deviation) = await SubspacesExperiment.Run(settings, log, withSingleMiner: name != SubspacesExperiment.DeviationName, stopping);
                if (subspaces is not null)
                {
                    results.Add(subspaces);
                }

                if (name != SubspacesExperiment.Name)
                {
                    results.Add(deviation);
                }

                if (name == All)
                {
                    var lucky = settings.Lucky ?? [.. subspaces!.Summary.Where(r => r.Metric == "best_reward" && r.Series.StartsWith('S'))
                        .OrderByDescending(r => r.Value).ThenBy(r => r.Series, StringComparer.Ordinal).Take(2).Select(r => r.Series)];
                    log.Line($"the two best subspaces of that run, {string.Join(" and ", lucky)}, go to the weak miners in the naive block");
                    results.Add(await WeakMinersExperiment.Run(settings with { Lucky = lucky }, log, stopping));
                    results.Add(await PartitionersExperiment.Run(settings, log, stopping));
                    results.Add(await ReferenceTiming.Run(settings, log, stopping));
                }

                break;
            case WeakMinersExperiment.Name:
                results.Add(await WeakMinersExperiment.Run(settings, log, stopping));
                break;
            case PartitionersExperiment.Name:
                results.Add(await PartitionersExperiment.Run(settings, log, stopping));
                break;
            case ReferenceTiming.Name:
                results.Add(await ReferenceTiming.Run(settings, log, stopping));
                break;
            default:
                throw new ArgumentException($"unknown experiment '{name}' (known: {string.Join(", ", Names)})");
        }

        foreach (var result in results)
        {
            log.Line(string.Create(CultureInfo.InvariantCulture, $"{result.Experiment}: {result.Seconds:F0} s; {string.Join("; ", Headline(result))}"));
            log.Line($"  → {Path.Combine(settings.Out, result.Experiment)}: {ResultFiles.Curves}, {ResultFiles.Summary}, {ResultFiles.Json}{string.Concat(result.Plots.Select(p => $", {p}"))}");
        }

        return results.ToImmutable();
    }

    /// <summary>The figures a reader wants first.</summary>
    private static IEnumerable<string> Headline(ExperimentResult result)
    {
        var wanted = new[] { "pool_best", "best_reward", "first", "peak", "last", "seconds_per_epoch", "episode_hours_on_this_cpu", "episodes_pool_ahead_of_full" };
        return result.Summary
            .Where(r => wanted.Contains(r.Metric) && (r.Metric != "best_reward" || r.Series == SubspacesExperiment.Full))
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Series} {r.Metric} {r.Value:0.####}{(r.Note is null ? "" : $" ({r.Note})")}"));
    }
}
