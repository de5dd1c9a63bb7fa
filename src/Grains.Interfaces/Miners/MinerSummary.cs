namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>A miner as the operator sees it.</summary>
[GenerateSerializer, Immutable, Alias("ponas.MinerSummary")]
public sealed record MinerSummary(
    [property: Id(0)] string MinerId,
    [property: Id(1)] bool Registered,
    [property: Id(2)] MinerProfile? Profile,
    [property: Id(3)] DateTimeOffset? RegisteredAt,
    [property: Id(4)] DateTimeOffset? LastHeartbeat,
    [property: Id(5)] long Heartbeats,
    [property: Id(6)] long RefusedCalls);
