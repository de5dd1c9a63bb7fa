using Orleans.Concurrency;

namespace PoNasOrleans.Grains.Interfaces.Blocks;

/// <summary>The pool (key: the pool id): which block height it works on now. Called by the operator's API and by miner grains.</summary>
[Alias("ponas.IPoolGrain")]
public interface IPoolGrain : IGrainWithStringKey
{
    /// <summary>The key of the one pool of a service.</summary>
    const string Key = "pool";

    /// <summary>Opens a block: the first at any height, later ones only above the current height. Reopening the current block with its task is acknowledged.</summary>
    [Alias("OpenBlock")]
    Task<BlockSummary> OpenBlock(BlockTask task);

    /// <summary>The height the pool works on, or null before the first block.</summary>
    [Alias("CurrentHeight"), AlwaysInterleave]
    Task<long?> CurrentHeight();

    /// <summary>Follows the silo's chain client from now on (idempotent): a block and the pool's consensus for each height it publishes.</summary>
    [Alias("Follow")]
    Task Follow();
}
