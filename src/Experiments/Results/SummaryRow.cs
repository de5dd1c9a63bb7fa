namespace PoNasOrleans.Experiments.Results;

/// <summary>One figure of an experiment's summary.</summary>
/// <param name="Series">What it is about ("S1", "naive", "algorithm1", "pool", …).</param>
/// <param name="Metric">What it measures ("best_reward", "explorations", "seconds", …).</param>
/// <param name="Value">The figure.</param>
/// <param name="Note">Where it comes from, when that is not a number ("S4 by miner-7, exploration 12").</param>
internal sealed record SummaryRow(string Series, string Metric, double Value, string? Note = null);
