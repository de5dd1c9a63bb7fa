namespace PoNasOrleans.Experiments.Results;

/// <summary>One point of a curve.</summary>
/// <param name="Series">The curve: a subspace ("S4"), the single miner ("full"), a setting ("naive/pool"), …</param>
/// <param name="Quantity">"best_reward" (the best reward after the episode) or "deviation" (the supervisor's high-group standard deviation).</param>
/// <param name="Episode">Episodes per miner so far (for the deviation: the block's accepted episodes over its subspaces).</param>
/// <param name="Value">The quantity's value.</param>
internal sealed record CurvePoint(string Series, string Quantity, double Episode, double Value)
{
    public const string BestReward = "best_reward";
    public const string Deviation = "deviation";
}
