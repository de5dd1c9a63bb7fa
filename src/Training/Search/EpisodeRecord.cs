using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Training.Search;

/// <summary>One episode of a search, as written to the run log.</summary>
/// <param name="Episode">1-based.</param>
/// <param name="Architecture">The sampled architecture.</param>
/// <param name="Luts">Its FPGA LUT estimate.</param>
/// <param name="Throughput">Its FPGA throughput estimate (images/s).</param>
/// <param name="Feasible">Whether it met the constraints (otherwise it was not trained and got reward 0).</param>
/// <param name="Reward">Its reward.</param>
/// <param name="BestSoFar">The best reward of the run up to and including this episode.</param>
/// <param name="Seconds">Wall-clock seconds of the episode.</param>
public sealed record EpisodeRecord(long Episode, Architecture Architecture, long Luts, double Throughput, bool Feasible, double Reward, double BestSoFar, double Seconds);
