using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Consensus;

namespace PoNasOrleans.Grains.Consensus;

/// <summary>The stored state of the pool's consensus of one height.</summary>
[GenerateSerializer, Alias("ponas.ConsensusState")]
public sealed class ConsensusState
{
    [Id(0)]
    public ChainTask? Task { get; set; }

    [Id(1)]
    public ConsensusStage Stage { get; set; }

    [Id(2)]
    public DateTimeOffset CommitAt { get; set; }

    /// <summary>The commitments, best first; stored before any is sent.</summary>
    [Id(3)]
    public List<PoolCommitment> Commitments { get; set; } = [];

    [Id(4)]
    public DatasetRef? TestSplit { get; set; }

    [Id(5)]
    public string? Measurer { get; set; }

    [Id(6)]
    public DateTimeOffset MeasureIssuedAt { get; set; }

    [Id(7)]
    public HeightOutcome? Outcome { get; set; }

    [Id(8)]
    public bool Credited { get; set; }
}
