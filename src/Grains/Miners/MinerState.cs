using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Work;

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

    [Id(8)]
    public MinerStrength? Strength { get; set; }

    [Id(9)]
    public MinerRole Role { get; set; }

    [Id(10)]
    public string? Assignment { get; set; }

    /// <summary>The block height the tallies below are for.</summary>
    [Id(11)]
    public long Height { get; set; }

    /// <summary>Work units per subspace of the current block, as the subspaces last acknowledged them (so a retried report cannot count twice).</summary>
    [Id(12)]
    public Dictionary<string, long> WorkUnits { get; set; } = [];

    /// <summary>Accepted episodes per subspace of the current block (the last acknowledged sequence number).</summary>
    [Id(13)]
    public Dictionary<string, long> Episodes { get; set; } = [];

    [Id(14)]
    public bool Left { get; set; }

    /// <summary>The subspace ("height/name") the miner stands by for as a backup, if any.</summary>
    [Id(15)]
    public string? Standby { get; set; }

    public bool Registered => Profile is not null;
}
