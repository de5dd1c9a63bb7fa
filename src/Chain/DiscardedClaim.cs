namespace PoNasOrleans.Chain;

/// <summary>A claim whose measured test accuracy differed from the claimed one by more than the task's tolerance.</summary>
/// <param name="Participant">Who claimed.</param>
/// <param name="Commitment">The commitment of the claim.</param>
/// <param name="ClaimedAccuracy">The accuracy claimed.</param>
/// <param name="MeasuredAccuracy">The accuracy the validator measured on the test split.</param>
[GenerateSerializer, Immutable, Alias("ponas.chain.DiscardedClaim")]
public sealed record DiscardedClaim(
    [property: Id(0)] string Participant,
    [property: Id(1)] string Commitment,
    [property: Id(2)] double ClaimedAccuracy,
    [property: Id(3)] double MeasuredAccuracy);
