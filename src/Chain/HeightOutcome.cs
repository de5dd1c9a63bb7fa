using System.Collections.Immutable;

namespace PoNasOrleans.Chain;

/// <summary>How a height ended: its winner (none when every claim failed or nobody revealed) and the claims discarded on the way.</summary>
/// <param name="Height">The height.</param>
/// <param name="Winner">The participant whose claim held first, or null.</param>
/// <param name="WinningCommitment">The winner's commitment, or null.</param>
/// <param name="MeasuredAccuracy">The winner's measured test accuracy, or null.</param>
/// <param name="Discarded">The claims that did not hold, in the order they were judged.</param>
[GenerateSerializer, Immutable, Alias("ponas.chain.HeightOutcome")]
public sealed record HeightOutcome(
    [property: Id(0)] long Height,
    [property: Id(1)] string? Winner,
    [property: Id(2)] string? WinningCommitment,
    [property: Id(3)] double? MeasuredAccuracy,
    [property: Id(4)] ImmutableArray<DiscardedClaim> Discarded);
