using System.Collections.Immutable;

namespace PoNasOrleans.Experiments;

/// <summary>What an experiment run is given on the command line.</summary>
/// <param name="Budget">Its budget.</param>
/// <param name="Data">The data the agents train on.</param>
/// <param name="Out">The folder the results go to (one subfolder per experiment).</param>
/// <param name="Seed">Seed of the partitions, controllers and training (and of the synthetic data).</param>
/// <param name="Lucky">The two subspaces the weak miners get under the naive assignment (null: the paper's S1 and S4, or in <c>all</c> the two best of the subspace run).</param>
internal sealed record ExperimentSettings(ExperimentBudget Budget, TrainingData Data, string Out, ulong Seed, ImmutableArray<string>? Lucky = null)
{
    /// <summary>The subspaces the paper names as the easy ("lucky") ones for its weak-miner simulation (section 4.3.2).</summary>
    public static readonly ImmutableArray<string> PaperLucky = ["S1", "S4"];

    /// <summary>Training images of an exploration episode that is not stopped early: epochs × training images.</summary>
    public double ExplorationImages => (double)Budget.Epochs * Data.TrainImages;

    /// <summary>The folder of one experiment's results (created).</summary>
    public string Folder(string experiment) => Directory.CreateDirectory(Path.Combine(Out, experiment)).FullName;
}
