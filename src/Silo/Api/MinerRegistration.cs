namespace PoNasOrleans.Silo.Api;

/// <summary>The operator's request to register a miner and issue its credential.</summary>
/// <param name="MinerId">The miner's id.</param>
/// <param name="DisplayName">A name for dashboards.</param>
/// <param name="Device">"cpu" or "cuda".</param>
public sealed record MinerRegistration(string MinerId, string DisplayName, string Device);
