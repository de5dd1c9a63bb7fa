using System.Collections.Immutable;
using PoNasOrleans.Chain;

namespace PoNasOrleans.Grains.Interfaces.Chain;

/// <summary>A height of the devnet chain as anyone may see it (<see cref="IHeightGrain.Describe"/>).</summary>
/// <param name="Task">The published task.</param>
/// <param name="Phase">The phase on the chain's clock now.</param>
/// <param name="Commitments">The accepted commitments, in acceptance order.</param>
/// <param name="Claims">The accepted reveals, in acceptance order.</param>
/// <param name="Discarded">The claims judged and discarded, in judging order.</param>
/// <param name="Winner">The confirmed claim, or null.</param>
/// <param name="WinnerAccuracy">The winner's measured accuracy, or null.</param>
/// <param name="TestSplit">The test split once released (from the training deadline on), else null.</param>
/// <param name="Decided">Whether the height is decided: a winner is confirmed, or the validation deadline passed with no claim pending.</param>
[GenerateSerializer, Immutable, Alias("ponas.HeightView")]
public sealed record HeightView(
    [property: Id(0)] ChainTask Task,
    [property: Id(1)] ChainPhase Phase,
    [property: Id(2)] ImmutableArray<CommitmentRecord> Commitments,
    [property: Id(3)] ImmutableArray<Claim> Claims,
    [property: Id(4)] ImmutableArray<DiscardedClaim> Discarded,
    [property: Id(5)] Claim? Winner,
    [property: Id(6)] double? WinnerAccuracy,
    [property: Id(7)] DatasetRef? TestSplit,
    [property: Id(8)] bool Decided);
