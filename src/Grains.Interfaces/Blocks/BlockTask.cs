namespace PoNasOrleans.Grains.Interfaces.Blocks;

/// <summary>
/// The NAS task of one block height as the pool works on it (consensus-and-pool.md, "Initialization"), with the
/// pool's own budgets for it.
/// </summary>
/// <param name="Height">The block height (≥ 1).</param>
/// <param name="Space">The task's full search space, as space JSON.</param>
/// <param name="Layers">Layers per architecture.</param>
/// <param name="FpgaModel">The FPGA cost model name (e.g. "tiled", "naqs2019").</param>
/// <param name="LutLimit">The LUT budget.</param>
/// <param name="MinThroughput">The throughput a feasible architecture must exceed (images/s).</param>
/// <param name="Epochs">Training epochs of an exploration episode.</param>
/// <param name="TrainImages">Training images per epoch of the task's data (the cap on images a miner may claim to have trained).</param>
/// <param name="Partitioner">"paper" for the paper's preset subspaces S1–S9 of the paper space, or a partitioner ("algorithm1", "balanced").</param>
/// <param name="Subspaces">Subspaces to split into (ignored by "paper", which has nine).</param>
/// <param name="Seed">Seed of the partition, of the controllers and of the episodes' training.</param>
/// <param name="EpisodesPerSubspace">Exploration episodes per subspace.</param>
/// <param name="TrainingPhase">Length of the training phase from the block's opening.</param>
/// <param name="EpisodeTimeBudget">Wall-clock training budget of one episode for a miner with a full budget (null: none).</param>
/// <param name="ExploitEpochs">Training epochs of an exploitation episode (longer training of a confirmed architecture's neighbour).</param>
/// <param name="Assignment">How work is handed out: <see cref="AssignmentStrategy.ExploreExploit"/> (the default) or <see cref="AssignmentStrategy.ExploreOnly"/>.</param>
[GenerateSerializer, Immutable, Alias("ponas.BlockTask")]
public sealed record BlockTask(
    [property: Id(0)] long Height,
    [property: Id(1)] string Space,
    [property: Id(2)] int Layers,
    [property: Id(3)] string FpgaModel,
    [property: Id(4)] long LutLimit,
    [property: Id(5)] double MinThroughput,
    [property: Id(6)] int Epochs,
    [property: Id(7)] int TrainImages,
    [property: Id(8)] string Partitioner,
    [property: Id(9)] int Subspaces,
    [property: Id(10)] ulong Seed,
    [property: Id(11)] int EpisodesPerSubspace,
    [property: Id(12)] TimeSpan TrainingPhase,
    [property: Id(13)] TimeSpan? EpisodeTimeBudget,
    [property: Id(14)] int ExploitEpochs,
    [property: Id(15)] string Assignment = AssignmentStrategy.ExploreExploit)
{
    /// <summary>
    /// The effective training speed (images/s times time budget factor) a miner needs to finish a subspace's
    /// exploration within the training phase: episodes × epochs × images ÷ phase seconds. Miners at or above it are strong.
    /// </summary>
    public double StrongImagesPerSecond => (double)EpisodesPerSubspace * Epochs * TrainImages / TrainingPhase.TotalSeconds;
}
