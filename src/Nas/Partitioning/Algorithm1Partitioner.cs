using System.Collections.Immutable;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Partitioning;

/// <summary>
/// The paper's Algorithm 1: for each miner and each hyperparameter, one non-empty subset of the hyperparameter's
/// range drawn uniformly from all 2^k − 1 of them. A uniform k-bit mask other than zero is exactly such a draw,
/// so the subsets are never materialised. Subspaces may overlap, as in the paper.
/// </summary>
public sealed class Algorithm1Partitioner : IPartitioner
{
    /// <inheritdoc />
    public string Name => "algorithm1";

    /// <inheritdoc />
    public Partition Split(SearchSpace full, int miners, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(miners);
        var random = new SeededRandom(seed);
        var subspaces = ImmutableArray.CreateBuilder<SearchSpace>(miners);
        var values = new IReadOnlyList<int>[Hyperparameters.Count];
        for (var miner = 0; miner < miners; miner++)
        {
            foreach (var hyperparameter in Hyperparameters.All)
            {
                var range = full[hyperparameter];
                var mask = NonEmptySubsetMask(range.Length, random);
                values[(int)hyperparameter] = [.. range.Where((_, i) => (mask >> i & 1) != 0)];
            }

            subspaces.Add(SearchSpace.Create(values));
        }

        return new Partition(Name, seed, full, subspaces.MoveToImmutable());
    }

    /// <summary>A uniformly random non-zero mask of <paramref name="bits"/> bits (1 ≤ bits ≤ 64).</summary>
    internal static ulong NonEmptySubsetMask(int bits, SeededRandom random)
    {
        if (bits == 64)
        {
            ulong mask;
            do
            {
                mask = random.NextUInt64();
            }
            while (mask == 0);
            return mask;
        }

        return 1 + random.NextUInt64((1UL << bits) - 1);
    }
}
