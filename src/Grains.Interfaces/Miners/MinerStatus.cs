namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>A miner's liveness from its heartbeats (consensus-and-pool.md: late after two missed intervals, gone after three).</summary>
public enum MinerStatus
{
    /// <summary>Registered, never heard from since.</summary>
    Silent,

    /// <summary>Its last heartbeat is within two intervals.</summary>
    Active,

    /// <summary>Two intervals missed.</summary>
    Late,

    /// <summary>Three intervals missed.</summary>
    Gone,

    /// <summary>It left explicitly.</summary>
    Left,
}
