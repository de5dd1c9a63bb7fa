using System.Collections.Immutable;
using PoNasOrleans.Chain;

namespace PoNasOrleans.Grains.Interfaces.Consensus;

/// <summary>The pool's consensus of one height, as the operator sees it.</summary>
/// <param name="Height">The block height.</param>
/// <param name="Stage">Where it stands.</param>
/// <param name="CommitAt">When the pool commits (the chain's training deadline less the pool's margin).</param>
/// <param name="Commitments">The pool's commitments, best first.</param>
/// <param name="Measurer">The miner measuring the committed models, once chosen.</param>
/// <param name="Outcome">The chain's outcome, once decided.</param>
/// <param name="Won">Whether the pool's commitment won the height.</param>
/// <param name="Credited">Whether the reward was credited to the miners (docs/rewards.md).</param>
[GenerateSerializer, Immutable, Alias("ponas.ConsensusSummary")]
public sealed record ConsensusSummary(
    [property: Id(0)] long Height,
    [property: Id(1)] ConsensusStage Stage,
    [property: Id(2)] DateTimeOffset CommitAt,
    [property: Id(3)] ImmutableArray<PoolCommitment> Commitments,
    [property: Id(4)] string? Measurer,
    [property: Id(5)] HeightOutcome? Outcome,
    [property: Id(6)] bool Won,
    [property: Id(7)] bool Credited);
