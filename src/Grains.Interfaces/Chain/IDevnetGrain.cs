namespace PoNasOrleans.Grains.Interfaces.Chain;

/// <summary>
/// The devnet chain (key <see cref="Key"/>): it publishes height h + 1 once height h is decided (a winner is
/// confirmed, or the validation deadline passed with no claim pending), with fresh deadlines from then. A grain timer
/// ticks at the schedule's period; a reminder keeps the devnet active (and restarts the timer) across deactivations
/// and silo restarts. Ticks are idempotent. Called by the silo (start-up, API), the chain client and miner grains
/// (validators), never by agents.
/// </summary>
[Alias("ponas.IDevnetGrain")]
public interface IDevnetGrain : IGrainWithStringKey
{
    /// <summary>The key of the one devnet of a service.</summary>
    const string Key = "devnet";

    /// <summary>
    /// Starts publishing with the schedule (throws <see cref="ArgumentException"/> naming an unusable field): height 1
    /// at once when nothing was published yet; a changed schedule applies from the next height. Idempotent.
    /// </summary>
    [Alias("Start")]
    Task<DevnetStatus> Start(DevnetSchedule schedule);

    /// <summary>Stops publishing (the current height runs on; validators may still judge it) until the next Start. Idempotent.</summary>
    [Alias("Pause")]
    Task<DevnetStatus> Pause();

    /// <summary>The current height, its phase and whether it is decided.</summary>
    [Alias("Status")]
    Task<DevnetStatus> Status();

    /// <summary>One tick: publishes the next height when the current one is decided (and the devnet is running); otherwise changes nothing.</summary>
    [Alias("Advance")]
    Task<DevnetStatus> Advance();

    /// <summary>The next claim to judge of the height whose claims are being judged, or null when none is.</summary>
    [Alias("PullClaim")]
    Task<ValidatorClaim?> PullClaim();
}
