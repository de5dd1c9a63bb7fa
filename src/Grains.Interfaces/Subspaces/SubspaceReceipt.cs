using System.Collections.Immutable;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;

namespace PoNasOrleans.Grains.Interfaces.Subspaces;

/// <summary>
/// A subspace's answer to a stored report: the receipt for the miner, and the subspace's new bests that the caller
/// offers to the block before it acknowledges the report. A subspace never calls its block itself: the block calls
/// its subspaces (admissions) while it hands out work, and a call back from a subspace would deadlock against that.
/// </summary>
/// <param name="Receipt">The receipt for the miner.</param>
/// <param name="Offers">New subspace bests to offer to the block, in order (empty when the report is not a new best).</param>
[GenerateSerializer, Immutable, Alias("ponas.SubspaceReceipt")]
public sealed record SubspaceReceipt([property: Id(0)] EpisodeReceipt Receipt, [property: Id(1)] ImmutableArray<LeaderboardEntry> Offers);
