using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Reports;

/// <summary>What a miner reports of one episode: the architecture it trained, the hardware estimate it claims and the reward.</summary>
/// <param name="Sequence">The miner's episode number in its subspace, 1, 2, 3, …; the idempotency key with miner and subspace.</param>
/// <param name="Architecture">The architecture of the episode.</param>
/// <param name="Luts">Claimed LUT estimate.</param>
/// <param name="Throughput">Claimed throughput estimate (images/s).</param>
/// <param name="Feasible">Claimed feasibility.</param>
/// <param name="Reward">Claimed reward (validation accuracy; 0 when infeasible).</param>
public sealed record EpisodeReport(long Sequence, Architecture Architecture, long Luts, double Throughput, bool Feasible, double Reward);
