using System.Collections.Immutable;

namespace PoNasOrleans.Experiments.Results;

/// <summary>What one experiment produced: its settings, wall-clock time, curves, summary and notes (written as CSV, JSON and SVG).</summary>
/// <param name="Experiment">subspaces, deviation, weak, partitioners or reference.</param>
/// <param name="Budget">The budget's name.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Dataset">"synth" or the CIFAR-10 folder.</param>
/// <param name="TrainImages">Training images per epoch.</param>
/// <param name="Seconds">Wall-clock seconds of the experiment (pool start to stop).</param>
/// <param name="Curves">Its curves.</param>
/// <param name="Summary">Its figures.</param>
/// <param name="Notes">What a reader needs to read the figures right.</param>
internal sealed record ExperimentResult(
    string Experiment,
    string Budget,
    ulong Seed,
    string Dataset,
    int TrainImages,
    double Seconds,
    ImmutableArray<CurvePoint> Curves,
    ImmutableArray<SummaryRow> Summary,
    ImmutableArray<string> Notes)
{
    /// <summary>The plots written next to the data (file names).</summary>
    public ImmutableArray<string> Plots { get; init; } = [];

    /// <summary>The figure of a series and metric; throws when there is none.</summary>
    public SummaryRow Figure(string series, string metric) =>
        Summary.FirstOrDefault(r => r.Series == series && r.Metric == metric) ?? throw new KeyNotFoundException($"{Experiment} has no {metric} of {series}");
}
