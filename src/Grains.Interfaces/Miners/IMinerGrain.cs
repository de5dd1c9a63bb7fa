namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>
/// A miner of the pool (key: miner id). Miners are untrusted: every call after registration presents the
/// pool-issued credential, which the grain checks against a salted hash (it never stores the credential itself).
/// </summary>
[Alias("ponas.IMinerGrain")]
public interface IMinerGrain : IGrainWithStringKey
{
    /// <summary>Registers the miner and returns its credential, once; a second registration is refused.</summary>
    [Alias("Register")]
    Task<MinerCredential> Register(MinerProfile profile);

    /// <summary>
    /// Records that the miner is alive. <paramref name="sequence"/> increases with every heartbeat the agent sends;
    /// a retried heartbeat (same sequence) is acknowledged again without counting twice, an older one is refused.
    /// </summary>
    [Alias("Heartbeat")]
    Task<HeartbeatReceipt> Heartbeat(string credential, long sequence);

    /// <summary>What the pool knows of the miner (for the operator's API; no secret in it).</summary>
    [Alias("Describe")]
    Task<MinerSummary> Describe();
}
