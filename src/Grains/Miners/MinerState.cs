using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.Grains.Miners;

/// <summary>The stored state of a miner: its profile, the salted hash of its credential, its heartbeats.</summary>
[GenerateSerializer, Alias("ponas.MinerState")]
public sealed class MinerState
{
    [Id(0)]
    public MinerProfile? Profile { get; set; }

    [Id(1)]
    public byte[] CredentialSalt { get; set; } = [];

    [Id(2)]
    public byte[] CredentialHash { get; set; } = [];

    [Id(3)]
    public DateTimeOffset? RegisteredAt { get; set; }

    [Id(4)]
    public long LastSequence { get; set; } = -1;

    [Id(5)]
    public DateTimeOffset? LastHeartbeat { get; set; }

    [Id(6)]
    public long Heartbeats { get; set; }

    [Id(7)]
    public long RefusedCalls { get; set; }

    public bool Registered => Profile is not null;
}
