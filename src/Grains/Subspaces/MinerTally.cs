namespace PoNasOrleans.Grains.Subspaces;

/// <summary>One miner's accepted episodes in a subspace.</summary>
[GenerateSerializer, Alias("ponas.MinerTally")]
public sealed class MinerTally
{
    /// <summary>The sequence number of its last accepted episode (0 before the first).</summary>
    [Id(0)]
    public long LastSequence { get; set; }

    /// <summary>Its accepted episodes.</summary>
    [Id(1)]
    public long Episodes { get; set; }

    /// <summary>The work units they earned.</summary>
    [Id(2)]
    public long WorkUnits { get; set; }
}
