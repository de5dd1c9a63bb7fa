namespace PoNasOrleans.Chain;

/// <summary>A commitment the chain accepted during the training phase.</summary>
/// <param name="Participant">Who committed.</param>
/// <param name="Hash">The commitment, <see cref="Commitment.Of"/> of the model's bytes and the participant's id.</param>
/// <param name="ReceivedAt">The chain's clock when it was accepted.</param>
/// <param name="Sequence">Its place among the height's commitments in acceptance order: 1, 2, 3, …</param>
[GenerateSerializer, Immutable, Alias("ponas.chain.CommitmentRecord")]
public sealed record CommitmentRecord(
    [property: Id(0)] string Participant,
    [property: Id(1)] string Hash,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] long Sequence);
