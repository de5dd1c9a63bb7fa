using System.Collections.Immutable;
using PoNasOrleans.Experiments.Results;

namespace PoNasOrleans.Experiments.Tests;

/// <summary>
/// <c>experiment all --budget fast</c> once for the whole class (Azurite, silos and agents as real processes; about
/// three minutes on two cores), into a fresh folder that is deleted afterwards.
/// </summary>
public sealed class FastRun : IAsyncLifetime
{
    private readonly System.Text.StringBuilder output = new();

    public string Folder { get; } = Directory.CreateTempSubdirectory("ponas-experiments-").FullName;

    internal ExperimentSettings Settings { get; private set; } = null!;

    internal ImmutableArray<ExperimentResult> Results { get; private set; }

    /// <summary>What the run printed.</summary>
    public string Output => output.ToString();

    public async Task InitializeAsync()
    {
        var budget = ExperimentBudget.Fast;
        Settings = new ExperimentSettings(budget, TrainingData.Of("synth", budget, 1), Folder, 1);
        await using var writer = TextWriter.Synchronized(new StringWriter(output));
        Results = await ExperimentRunner.Run(ExperimentRunner.All, Settings, writer);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    internal ExperimentResult Result(string experiment) => Results.Single(r => r.Experiment == experiment);
}
