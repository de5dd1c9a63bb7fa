namespace PoNasOrleans.Grains.Interfaces.Supervision;

/// <summary>A subspace the supervisor took from an explorer that was gone (no heartbeat for three intervals).</summary>
/// <param name="At">When.</param>
/// <param name="Height">The block.</param>
/// <param name="Subspace">The subspace released for the next strong miner, which continues from its latest checkpoint.</param>
/// <param name="MinerId">The explorer that was gone.</param>
[GenerateSerializer, Immutable, Alias("ponas.Promotion")]
public sealed record Promotion(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Height,
    [property: Id(2)] string Subspace,
    [property: Id(3)] string MinerId);
