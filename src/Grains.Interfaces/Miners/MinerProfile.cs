namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>What a miner says of itself when it registers.</summary>
/// <param name="DisplayName">A name for dashboards: 1–64 printable characters.</param>
/// <param name="Device">The accelerator it trains on, e.g. "cpu" or "cuda".</param>
[GenerateSerializer, Immutable, Alias("ponas.MinerProfile")]
public sealed record MinerProfile([property: Id(0)] string DisplayName, [property: Id(1)] string Device);
