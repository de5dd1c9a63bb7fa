using PoNasOrleans.Training;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>The miner's own settings: who it is, how it trains, how it talks to the pool.</summary>
/// <param name="MinerId">Its id in the pool.</param>
/// <param name="Credential">Its pool-issued credential.</param>
/// <param name="TimeBudgetFactor">Its share of an episode's time budget, in (0, 1].</param>
/// <param name="BatchSize">Images per SGD step.</param>
/// <param name="Quantization">Quantization mode of the child networks.</param>
/// <param name="HeartbeatInterval">How often it heartbeats.</param>
/// <param name="ScheduledEvents">The Azure Scheduled Events endpoint to poll for eviction notices, if any.</param>
/// <param name="MaxEpisodes">Episodes to report before leaving (0: until stopped).</param>
internal sealed record MinerSettings(
    string MinerId,
    string Credential,
    double TimeBudgetFactor,
    int BatchSize,
    QuantizationMode Quantization,
    TimeSpan HeartbeatInterval,
    Uri? ScheduledEvents,
    int MaxEpisodes);
