using System.Collections.Immutable;
using Orleans.Concurrency;
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

    /// <summary>Releases what a leaving miner explored, so another strong miner continues from its checkpoint.</summary>
    [Alias("Release")]
    Task Release(string minerId);

    /// <summary>Ends the training phase now (the operator's choice); idempotent.</summary>
    [Alias("Close")]
    Task<BlockSummary> Close();
}
