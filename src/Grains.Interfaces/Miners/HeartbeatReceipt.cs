namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>The pool's acknowledgement of a stored heartbeat.</summary>
/// <param name="Sequence">The heartbeat's sequence number.</param>
/// <param name="ReceivedAt">When the pool first stored it.</param>
/// <param name="Heartbeats">Distinct heartbeats stored for this miner so far.</param>
/// <param name="Standby">The subspace the miner stands by for, with its latest checkpoint to fetch in advance; null when it stands by for none.</param>
[GenerateSerializer, Immutable, Alias("ponas.HeartbeatReceipt")]
public sealed record HeartbeatReceipt(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset ReceivedAt,
    [property: Id(2)] long Heartbeats,
    [property: Id(3)] StandbyNotice? Standby = null);
