namespace PoNasOrleans.Grains.Interfaces.Consensus;

/// <summary>A committed model's measured accuracy on the released test split.</summary>
/// <param name="Commitment">The commitment the model opens.</param>
/// <param name="Accuracy">Its test accuracy, in [0, 1].</param>
[GenerateSerializer, Immutable, Alias("ponas.TestAccuracy")]
public sealed record TestAccuracy([property: Id(0)] string Commitment, [property: Id(1)] double Accuracy);
