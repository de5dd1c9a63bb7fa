using System.Collections.Immutable;
using System.Numerics;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Partitioning;

/// <summary>Computes <see cref="PartitionMetrics"/> for any list of subspaces of a full space.</summary>
public static class PartitionMeasure
{
    /// <summary>Full spaces up to this many layer configurations get an exact coverage; larger ones are sampled.</summary>
    public const long ExactCoverageLimit = 500_000_000;

    /// <summary>Samples drawn (with a fixed seed) to estimate the coverage of a larger full space.</summary>
    public const int CoverageSamples = 1_000_000;

    /// <summary>Measures a partition.</summary>
    public static PartitionMetrics Measure(Partition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return Measure(partition.Full, partition.Subspaces);
    }

    /// <summary>Measures subspaces of <paramref name="full"/>; each must lie inside it.</summary>
    public static PartitionMetrics Measure(SearchSpace full, IReadOnlyList<SearchSpace> subspaces)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(subspaces);
        if (subspaces.Count == 0)
        {
            throw new ArgumentException("a partition needs at least one subspace", nameof(subspaces));
        }

        for (var i = 0; i < subspaces.Count; i++)
        {
            if (!subspaces[i].IsSubspaceOf(full))
            {
                throw new ArgumentException($"subspace {i + 1} is not inside the full space", nameof(subspaces));
            }
        }

        var masks = subspaces.Select(s => ValueMasks(full, s)).ToArray();
        var sizes = masks.Select(Size).ToArray();
        var (mean, max) = Overlaps(masks, sizes);
        var total = (long)full.LayerConfigurations;
        var exact = total <= ExactCoverageLimit;
        var coverage = exact ? (double)CoveredExactly(full, masks) / total : CoveredBySampling(full, masks);
        var sizeMean = sizes.Average();
        var sizeStd = Math.Sqrt(sizes.Average(s => (s - sizeMean) * (s - sizeMean)));
        return new PartitionMetrics(
            subspaces.Count,
            coverage,
            exact,
            mean,
            max,
            sizes.Min(),
            sizes.Max(),
            (double)sizes.Max() / sizes.Min(),
            sizeStd / sizeMean);
    }

    /// <summary>Per hyperparameter, a bit mask over the full space's value indices of the values the subspace allows.</summary>
    private static ulong[] ValueMasks(SearchSpace full, SearchSpace subspace)
    {
        var masks = new ulong[Hyperparameters.Count];
        foreach (var h in Hyperparameters.All)
        {
            foreach (var value in subspace[h])
            {
                masks[(int)h] |= 1UL << full[h].BinarySearch(value);
            }
        }

        return masks;
    }

    private static long Size(ulong[] masks) => masks.Aggregate(1L, (product, mask) => product * BitOperations.PopCount(mask));

    private static (double Mean, double Max) Overlaps(ulong[][] masks, long[] sizes)
    {
        if (masks.Length < 2)
        {
            return (0, 0);
        }

        double sum = 0, max = 0;
        for (var a = 0; a < masks.Length; a++)
        {
            for (var b = a + 1; b < masks.Length; b++)
            {
                long intersection = 1;
                for (var h = 0; h < Hyperparameters.Count && intersection > 0; h++)
                {
                    intersection *= BitOperations.PopCount(masks[a][h] & masks[b][h]);
                }

                var jaccard = (double)intersection / (sizes[a] + sizes[b] - intersection);
                sum += jaccard;
                max = Math.Max(max, jaccard);
            }
        }

        return (sum / (masks.Length * (masks.Length - 1L) / 2), max);
    }

    /// <summary>
    /// Counts covered configurations by walking the full space one hyperparameter at a time while keeping the set
    /// (as a bit set over subspaces) of subspaces that still contain the prefix; an empty set prunes the subtree.
    /// </summary>
    private static long CoveredExactly(SearchSpace full, ulong[][] masks)
    {
        var words = (masks.Length + 63) / 64;
        var holders = HoldersByValue(full, masks, words);
        var prefix = new ulong[Hyperparameters.Count + 1][];
        for (var level = 0; level <= Hyperparameters.Count; level++)
        {
            prefix[level] = new ulong[words];
        }

        Array.Fill(prefix[0], ulong.MaxValue);
        return Walk(0, holders, prefix, words);
    }

    private static long Walk(int level, ulong[][][] holders, ulong[][] prefix, int words)
    {
        var current = prefix[level];
        var last = level == Hyperparameters.Count - 1;
        long covered = 0;
        foreach (var valueHolders in holders[level])
        {
            var next = prefix[level + 1];
            var any = false;
            for (var w = 0; w < words; w++)
            {
                next[w] = current[w] & valueHolders[w];
                any |= next[w] != 0;
            }

            if (any)
            {
                covered += last ? 1 : Walk(level + 1, holders, prefix, words);
            }
        }

        return covered;
    }

    private static double CoveredBySampling(SearchSpace full, ulong[][] masks)
    {
        var random = new SeededRandom(0x5EED);
        var covered = 0;
        Span<int> indices = stackalloc int[Hyperparameters.Count];
        for (var sample = 0; sample < CoverageSamples; sample++)
        {
            foreach (var h in Hyperparameters.All)
            {
                indices[(int)h] = random.NextInt(full.Count(h));
            }

            foreach (var subspace in masks)
            {
                var inside = true;
                for (var h = 0; h < Hyperparameters.Count && inside; h++)
                {
                    inside = (subspace[h] >> indices[h] & 1) != 0;
                }

                if (inside)
                {
                    covered++;
                    break;
                }
            }
        }

        return (double)covered / CoverageSamples;
    }

    /// <summary>For each hyperparameter and each of its full-space values, the bit set of subspaces allowing it.</summary>
    private static ulong[][][] HoldersByValue(SearchSpace full, ulong[][] masks, int words)
    {
        var holders = new ulong[Hyperparameters.Count][][];
        foreach (var h in Hyperparameters.All)
        {
            var byValue = new ulong[full.Count(h)][];
            for (var v = 0; v < byValue.Length; v++)
            {
                byValue[v] = new ulong[words];
                for (var s = 0; s < masks.Length; s++)
                {
                    if ((masks[s][(int)h] >> v & 1) != 0)
                    {
                        byValue[v][s / 64] |= 1UL << (s % 64);
                    }
                }
            }

            holders[(int)h] = byValue;
        }

        return holders;
    }
}
