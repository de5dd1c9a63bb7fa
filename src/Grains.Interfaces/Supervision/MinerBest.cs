namespace PoNasOrleans.Grains.Interfaces.Supervision;

/// <summary>A miner's best reward in the block: the best of the subspace it explores.</summary>
/// <param name="MinerId">The explorer (the subspace's name when it has none now).</param>
/// <param name="Subspace">The subspace.</param>
/// <param name="Reward">The subspace's best reward.</param>
[GenerateSerializer, Immutable, Alias("ponas.MinerBest")]
public sealed record MinerBest([property: Id(0)] string MinerId, [property: Id(1)] string Subspace, [property: Id(2)] double Reward);
