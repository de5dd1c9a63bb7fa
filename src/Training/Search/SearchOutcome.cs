namespace PoNasOrleans.Training.Search;

/// <summary>How a search run ended.</summary>
/// <param name="Episodes">Episodes completed in all (including those before a resume).</param>
/// <param name="BestReward">The best reward of the run.</param>
/// <param name="Interrupted">True when it stopped on request before the last episode; the checkpoint allows resuming.</param>
public sealed record SearchOutcome(long Episodes, double BestReward, bool Interrupted);
