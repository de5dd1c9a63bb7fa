namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>What a miner does in the current block, from the last work it pulled.</summary>
public enum MinerRole
{
    /// <summary>It has pulled no work yet.</summary>
    None,

    /// <summary>A strong miner exploring a subspace.</summary>
    Explorer,

    /// <summary>A miner exploiting a confirmed architecture.</summary>
    Exploiter,

    /// <summary>It was told to wait.</summary>
    Waiting,
}
