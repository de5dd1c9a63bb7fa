using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Partitioning;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Grains.Blocks;

/// <summary>Checks a block's task and splits its space into named subspaces, reproducibly from the task's seed.</summary>
public static class BlockPartition
{
    /// <summary>The partitioner name that takes the paper's preset subspaces S1–S9.</summary>
    public const string Paper = "paper";

    /// <summary>The subspaces (name, space JSON) of a task; throws <see cref="ArgumentException"/> naming what is wrong with the task.</summary>
    public static IReadOnlyList<(string Name, string Space)> Split(BlockTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Require(task.Height >= 1, $"height must be at least 1, got {task.Height}");
        Require(task.Layers is >= 1 and <= 32, $"layers must lie in 1–32, got {task.Layers}");
        Require(FpgaCostModels.Names.Contains(task.FpgaModel), $"unknown FPGA model '{task.FpgaModel}'; known: {string.Join(", ", FpgaCostModels.Names)}");
        Require(task.LutLimit >= 1, $"the LUT limit must be positive, got {task.LutLimit}");
        Require(double.IsFinite(task.MinThroughput) && task.MinThroughput >= 0, $"the minimum throughput must be a non-negative number, got {task.MinThroughput}");
        Require(task.Epochs >= 1 && task.ExploitEpochs >= 1, $"epochs must be at least 1, got {task.Epochs} (explore) and {task.ExploitEpochs} (exploit)");
        Require(task.TrainImages >= 1, $"training images must be at least 1, got {task.TrainImages}");
        Require(task.EpisodesPerSubspace >= 1, $"episodes per subspace must be at least 1, got {task.EpisodesPerSubspace}");
        Require(task.TrainingPhase > TimeSpan.Zero, $"the training phase must be positive, got {task.TrainingPhase}");
        Require(task.EpisodeTimeBudget is null || task.EpisodeTimeBudget > TimeSpan.Zero, $"the episode time budget must be positive, got {task.EpisodeTimeBudget}");
        Require(AssignmentStrategy.Names.Contains(task.Assignment), $"unknown assignment '{task.Assignment}'; known: {string.Join(", ", AssignmentStrategy.Names)}");
        SearchSpace full;
        try
        {
            full = SpaceJson.Parse(task.Space);
        }
        catch (SpaceFormatException e)
        {
            throw new ArgumentException($"block task refused: the space is not valid space JSON: {e.Message}", nameof(task), e);
        }

        if (task.Partitioner == Paper)
        {
            var catalog = PresetCatalog.Paper;
            Require(full.Equals(catalog.Full), "the 'paper' partition needs the paper's full space");
            return [.. catalog.SubspaceNames.Select(name => (name, SpaceJson.Write(catalog[name])))];
        }

        Require(Partitioners.Names.Contains(task.Partitioner), $"unknown partitioner '{task.Partitioner}'; known: {Paper}, {string.Join(", ", Partitioners.Names)}");
        Require(task.Subspaces is >= 1 and <= 64, $"subspaces must lie in 1–64, got {task.Subspaces}");
        var partition = Partitioners.Get(task.Partitioner).Split(full, task.Subspaces, task.Seed);
        return [.. partition.Subspaces.Select((space, i) => ($"S{i + 1}", SpaceJson.Write(space)))];
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"block task refused: {message}");
        }
    }
}
