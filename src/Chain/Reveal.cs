namespace PoNasOrleans.Chain;

/// <summary>
/// What a participant reveals for one of its commitments in the validation phase. The model's bytes travel beside
/// it (<see cref="HeightLedger.Reveal"/>, <see cref="IChainClient.Reveal"/>); <see cref="ModelSha256"/> is their
/// content address, under which validators fetch them.
/// </summary>
/// <param name="Height">The height of the commitment.</param>
/// <param name="Participant">The participant revealing; it must be the one that committed.</param>
/// <param name="Commitment">The commitment revealed.</param>
/// <param name="ModelSha256">The SHA-256 of the model's bytes alone, 64 lowercase hex digits.</param>
/// <param name="Architecture">The model's architecture, as architecture JSON.</param>
/// <param name="ClaimedAccuracy">The test accuracy the participant claims, in [0, 1].</param>
[GenerateSerializer, Immutable, Alias("ponas.chain.Reveal")]
public sealed record Reveal(
    [property: Id(0)] long Height,
    [property: Id(1)] string Participant,
    [property: Id(2)] string Commitment,
    [property: Id(3)] string ModelSha256,
    [property: Id(4)] string Architecture,
    [property: Id(5)] double ClaimedAccuracy);
