namespace PoNasOrleans.Chain;

/// <summary>An accepted reveal waiting to be judged: the reveal (its architecture rewritten as canonical JSON) and the commitment it opens.</summary>
/// <param name="Reveal">The reveal.</param>
/// <param name="Commitment">The commitment it opens.</param>
/// <param name="RevealedAt">The chain's clock when the reveal was accepted.</param>
[GenerateSerializer, Immutable, Alias("ponas.chain.Claim")]
public sealed record Claim(
    [property: Id(0)] Reveal Reveal,
    [property: Id(1)] CommitmentRecord Commitment,
    [property: Id(2)] DateTimeOffset RevealedAt);
