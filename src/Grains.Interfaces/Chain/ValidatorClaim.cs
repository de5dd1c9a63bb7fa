using PoNasOrleans.Chain;

namespace PoNasOrleans.Grains.Interfaces.Chain;

/// <summary>
/// A claim for a validator to judge (<see cref="Miners.IMinerGrain.PullClaim"/>): it downloads the model through
/// <paramref name="Model"/>, checks its SHA-256, measures its accuracy on <paramref name="TestSplit"/> and submits
/// the measurement (<see cref="Miners.IMinerGrain.SubmitMeasurement"/>).
/// </summary>
/// <param name="Height">The height of the claim.</param>
/// <param name="Commitment">The claim's commitment: its id at the height.</param>
/// <param name="Participant">Who claims.</param>
/// <param name="Architecture">The model's architecture, as canonical architecture JSON.</param>
/// <param name="ClaimedAccuracy">The test accuracy claimed.</param>
/// <param name="ModelSha256">The SHA-256 of the model's bytes.</param>
/// <param name="Model">A short-lived read-only link to the model's bytes.</param>
/// <param name="ModelExpires">When <paramref name="Model"/> stops working.</param>
/// <param name="TestSplit">The height's released test split.</param>
[GenerateSerializer, Immutable, Alias("ponas.ValidatorClaim")]
public sealed record ValidatorClaim(
    [property: Id(0)] long Height,
    [property: Id(1)] string Commitment,
    [property: Id(2)] string Participant,
    [property: Id(3)] string Architecture,
    [property: Id(4)] double ClaimedAccuracy,
    [property: Id(5)] string ModelSha256,
    [property: Id(6)] Uri Model,
    [property: Id(7)] DateTimeOffset ModelExpires,
    [property: Id(8)] DatasetRef TestSplit);
