using System.Collections.Immutable;
using Orleans.Concurrency;
using PoNasOrleans.Grains.Interfaces.Supervision;
using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.Grains.Interfaces.Blocks;

/// <summary>
/// One block height (key: the height): its task, phase, partition into subspaces and leaderboard; it hands out
/// work. Called by the pool and by miner grains, never by agents (the pool's call gate refuses that).
/// </summary>
[Alias("ponas.IBlockGrain")]
public interface IBlockGrain : IGrainWithIntegerKey
{
    /// <summary>Opens the block with its task and splits the space (reproducible from the task's seed). Repeating the same task is acknowledged; another task is refused.</summary>
    [Alias("Open")]
    Task<BlockSummary> Open(BlockTask task);

    /// <summary>The block, or null when it was never opened (answered between other calls: it only reads).</summary>
    [Alias("Describe"), AlwaysInterleave]
    Task<BlockSummary?> Describe();

    /// <summary>
    /// Work for a miner of the given effective strength (images/s × time budget factor): explore, exploit or wait.
    /// <paramref name="lastSequences"/> are the miner's last accepted sequence numbers in this block's subspaces (its
    /// miner grain keeps them); the item carries the next one. Interleaves with the block's other calls.
    /// </summary>
    [Alias("AssignWork"), AlwaysInterleave]
    Task<WorkItem> AssignWork(string minerId, double strength, ImmutableDictionary<string, long> lastSequences);

    /// <summary>Offers a subspace's new best to the block's leaderboard (idempotent per episode).</summary>
    [Alias("Offer")]
    Task Offer(LeaderboardEntry entry);

    /// <summary>
    /// Releases what a leaving miner explored and its standby places. A subspace with a prepared backup moves to the
    /// backup at once (it leaves its own subspace and continues this one from its latest checkpoint); one without
    /// waits for the next free strong miner. Answers one promotion per subspace the miner explored.
    /// </summary>
    [Alias("Release")]
    Task<ImmutableArray<Promotion>> Release(string minerId);

    /// <summary>
    /// Makes a strong miner, the explorer of another subspace, the warm standby of <paramref name="subspace"/>: it
    /// takes the subspace over when the explorer leaves. False when the subspace has no explorer, is explored,
    /// already has a backup, or the miner does not explore another subspace of this block or stands by elsewhere.
    /// </summary>
    [Alias("PrepareBackup")]
    Task<bool> PrepareBackup(string subspace, string minerId);

    /// <summary>Ends the training phase now (the operator's choice); idempotent.</summary>
    [Alias("Close")]
    Task<BlockSummary> Close();
}
