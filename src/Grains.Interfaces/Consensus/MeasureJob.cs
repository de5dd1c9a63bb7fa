using System.Collections.Immutable;

namespace PoNasOrleans.Grains.Interfaces.Consensus;

/// <summary>
/// The pool's committed models of a height, to be measured on the test split the chain released (the accuracies
/// the pool then claims in its reveals).
/// </summary>
/// <param name="Height">The block height.</param>
/// <param name="TestLocation">The released test split's location (e.g. <c>synth:test?seed=…&amp;count=…</c>).</param>
/// <param name="TestSha256">The test split's SHA-256.</param>
/// <param name="Targets">The models, best first.</param>
[GenerateSerializer, Immutable, Alias("ponas.MeasureJob")]
public sealed record MeasureJob(
    [property: Id(0)] long Height,
    [property: Id(1)] string TestLocation,
    [property: Id(2)] string TestSha256,
    [property: Id(3)] ImmutableArray<MeasureTarget> Targets);
