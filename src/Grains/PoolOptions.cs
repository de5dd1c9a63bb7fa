namespace PoNasOrleans.Grains;

/// <summary>How the pool treats miners (configuration section "Pool").</summary>
public sealed class PoolOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pool";

    /// <summary>How often agents heartbeat; a miner is late after two missed intervals, gone after three.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a miner's heartbeats are stored (at most; and whenever its status was not active). Heartbeats are
    /// liveness, not results: between stores they are counted in memory, so a silo failure forgets at most this long
    /// of them, and storage is not written once per heartbeat of every miner.
    /// </summary>
    public TimeSpan HeartbeatStoreInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a miner with nothing to do waits before pulling again.</summary>
    public TimeSpan WaitRetry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the upload and download links of a work item stay valid.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Entries on a block's leaderboard.</summary>
    public int LeaderboardSize { get; set; } = 10;

    /// <summary>Lets clients call Orleans' management grain (test clusters only; never in production).</summary>
    public bool AllowClientManagement { get; set; }

    /// <summary>Confirmed architectures kept for exploitation, per subspace and per block.</summary>
    public int ConfirmedSize { get; set; } = 3;
}
