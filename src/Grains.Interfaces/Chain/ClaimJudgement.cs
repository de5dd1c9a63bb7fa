using PoNasOrleans.Chain;

namespace PoNasOrleans.Grains.Interfaces.Chain;

/// <summary>The chain's acknowledgement of a validator's measurement (<see cref="IHeightGrain.Judge"/>).</summary>
/// <param name="Height">The height of the claim.</param>
/// <param name="Commitment">The claim's commitment.</param>
/// <param name="Verdict">Confirmed (the claim wins the height) or discarded.</param>
/// <param name="MeasuredAccuracy">The measured accuracy the verdict rests on (the first measurement when <paramref name="Repeated"/>).</param>
/// <param name="Repeated">True when the claim had been judged before: this measurement changed nothing.</param>
[GenerateSerializer, Immutable, Alias("ponas.ClaimJudgement")]
public sealed record ClaimJudgement(
    [property: Id(0)] long Height,
    [property: Id(1)] string Commitment,
    [property: Id(2)] ClaimVerdict Verdict,
    [property: Id(3)] double MeasuredAccuracy,
    [property: Id(4)] bool Repeated);
