using System.Globalization;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Experiments.Pool;

/// <summary>
/// A block an experiment opens: the paper's full space, six layers and FPGA limits (100,000 LUTs, more than 10
/// images/s, the <c>tiled</c> model), the budget's training and episodes, the run's seed, and what differs between
/// the compared settings: partitioner, subspaces, assignment, training phase and episode time budget (by default the budget's).
/// </summary>
internal sealed record BlockPlan(
    long Height,
    string Partitioner,
    int Subspaces,
    string Assignment,
    TimeSpan TrainingPhase,
    TimeSpan? EpisodeTimeBudget = null)
{
    /// <summary>The training phase of a block that ends when its subspaces are explored (the experiment closes it then).</summary>
    public static readonly TimeSpan UntilExplored = TimeSpan.FromDays(7);

    /// <summary>The block task as the pool's API takes it (docs/api.md).</summary>
    public object Task(ExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var budget = settings.Budget;
        return new
        {
            height = Height,
            space = SpaceJson.Write(PresetCatalog.Paper.Full),
            layers = budget.Layers,
            fpgaModel = "tiled",
            lutLimit = 100_000,
            minThroughput = 10.0,
            epochs = budget.Epochs,
            trainImages = settings.Data.TrainImages,
            partitioner = Partitioner,
            subspaces = Subspaces,
            seed = settings.Seed,
            episodesPerSubspace = budget.EpisodesPerMiner,
            trainingPhase = TrainingPhase.ToString("c", CultureInfo.InvariantCulture),
            episodeTimeBudget = TimeBudget(settings)?.ToString("c", CultureInfo.InvariantCulture),
            exploitEpochs = budget.ExploitEpochs,
            assignment = Assignment,
        };
    }

    /// <summary>The episode time budget: the plan's, else the budget's (null: none).</summary>
    public TimeSpan? TimeBudget(ExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return EpisodeTimeBudget ?? settings.Budget.EpisodeTimeBudget;
    }

    /// <summary>The paper's subspaces S1–S9, each explored by one miner to the end of its budget (section 4.2).</summary>
    public static BlockPlan PaperSubspaces(long height, TimeSpan? episodeTimeBudget = null) =>
        new(height, "paper", 9, AssignmentStrategy.ExploreOnly, UntilExplored, episodeTimeBudget);
}
