using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>A miner as the operator sees it (no secret in it).</summary>
/// <param name="MinerId">Its id.</param>
/// <param name="Registered">Whether it is registered.</param>
/// <param name="Profile">What it said of itself.</param>
/// <param name="RegisteredAt">When it registered.</param>
/// <param name="LastHeartbeat">Its last stored heartbeat.</param>
/// <param name="Heartbeats">Distinct heartbeats stored.</param>
/// <param name="RefusedCalls">Calls of it the pool refused.</param>
/// <param name="Strength">Its measured strength, once calibrated.</param>
/// <param name="Role">What it does in the current block.</param>
/// <param name="Assignment">The subspace ("{height}/{name}") of its last work item.</param>
/// <param name="WorkUnits">Work units of its accepted episodes in the current block.</param>
/// <param name="Episodes">Its accepted episodes in the current block.</param>
/// <param name="Status">Its liveness.</param>
[GenerateSerializer, Immutable, Alias("ponas.MinerSummary")]
public sealed record MinerSummary(
    [property: Id(0)] string MinerId,
    [property: Id(1)] bool Registered,
    [property: Id(2)] MinerProfile? Profile,
    [property: Id(3)] DateTimeOffset? RegisteredAt,
    [property: Id(4)] DateTimeOffset? LastHeartbeat,
    [property: Id(5)] long Heartbeats,
    [property: Id(6)] long RefusedCalls,
    [property: Id(7)] MinerStrength? Strength,
    [property: Id(8)] MinerRole Role,
    [property: Id(9)] string? Assignment,
    [property: Id(10)] long WorkUnits,
    [property: Id(11)] long Episodes,
    [property: Id(12)] MinerStatus Status);
