using System.Collections.Immutable;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Partitioning;

/// <summary>The subspaces a partitioner made of a full space for a number of miners (one per miner, in miner order).</summary>
/// <param name="Strategy">The partitioner's name.</param>
/// <param name="Seed">The seed the partition was made with; the same seed gives the same partition.</param>
/// <param name="Full">The space that was split.</param>
/// <param name="Subspaces">One subspace per miner.</param>
public sealed record Partition(string Strategy, ulong Seed, SearchSpace Full, ImmutableArray<SearchSpace> Subspaces);
