using System.Collections.Immutable;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.Grains.Interfaces.Consensus;

/// <summary>
/// The pool as one participant of the chain at a height (key: the height): commits the block's best models before
/// the training deadline (stored before sent), has a miner measure them on the released test split, reveals them
/// with the measured accuracies, follows the outcome and, on a win, credits the reward by contribution. Driven by a
/// reminder and a grain timer; every step is idempotent. Called by the pool, miner grains and the operator's API.
/// </summary>
[Alias("ponas.IConsensusGrain")]
public interface IConsensusGrain : IGrainWithIntegerKey
{
    /// <summary>Takes part in the chain's task of this height (idempotent; the pool calls it when it opens the block).</summary>
    [Alias("Start")]
    Task<ConsensusSummary> Start(ChainTask task);

    /// <summary>One step of the work of the current stage, as the timer does it; returns where it stands.</summary>
    [Alias("Advance")]
    Task<ConsensusSummary?> Advance();

    /// <summary>The state, or null when the pool never took part at this height.</summary>
    [Alias("Describe"), Orleans.Concurrency.AlwaysInterleave]
    Task<ConsensusSummary?> Describe();

    /// <summary>A measuring job for the miner when one is due (it becomes the measurer), else null.</summary>
    [Alias("MeasureWork")]
    Task<WorkItem?> MeasureWork(string minerId);

    /// <summary>The measurer's accuracies of every committed model; refused (ArgumentException) from anyone else or when incomplete or out of [0, 1].</summary>
    [Alias("RecordAccuracies")]
    Task RecordAccuracies(string minerId, ImmutableArray<TestAccuracy> accuracies);
}
