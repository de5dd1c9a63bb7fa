namespace PoNasOrleans.Grains.Blocks;

/// <summary>The stored state of the pool: the height it works on.</summary>
[GenerateSerializer, Alias("ponas.PoolState")]
public sealed class PoolState
{
    [Id(0)]
    public long? CurrentHeight { get; set; }

    /// <summary>Whether the pool follows the chain (opens a block per published height).</summary>
    [Id(1)]
    public bool Following { get; set; }
}
