namespace PoNasOrleans.Grains.Interfaces.Supervision;

/// <summary>A subspace taken from an explorer that left or was gone (no heartbeat for three intervals).</summary>
/// <param name="At">When.</param>
/// <param name="Height">The block.</param>
/// <param name="Subspace">The subspace; its latest checkpoint and episode history go with it.</param>
/// <param name="MinerId">The explorer that left or was gone.</param>
/// <param name="Backup">The warm standby that took the subspace over; null when it waits for the next free strong miner.</param>
[GenerateSerializer, Immutable, Alias("ponas.Promotion")]
public sealed record Promotion(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Height,
    [property: Id(2)] string Subspace,
    [property: Id(3)] string MinerId,
    [property: Id(4)] string? Backup = null);
