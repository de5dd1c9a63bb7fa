using System.Collections.Immutable;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Partitioning;

/// <summary>
/// A partition beyond the paper: recursive bisection of the full space into boxes of contiguous value ranges.
/// The boxes are disjoint and cover the full space exactly; each cut is placed (hyperparameter and position)
/// so that the layer configurations per miner on both sides are as equal as the ranges allow. The seed only
/// breaks ties between equally good cuts. Needs at least as many layer configurations as miners.
/// </summary>
public sealed class BalancedPartitioner : IPartitioner
{
    /// <inheritdoc />
    public string Name => "balanced";

    /// <inheritdoc />
    public Partition Split(SearchSpace full, int miners, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(miners);
        if (full.LayerConfigurations < miners)
        {
            throw new ArgumentOutOfRangeException(nameof(miners), miners, $"the space has only {full.LayerConfigurations} layer configurations; a disjoint partition cannot give each of {miners} miners its own (use algorithm1, which may overlap)");
        }

        var random = new SeededRandom(seed);
        var root = new Box([.. Hyperparameters.All.Select(_ => 0)], [.. Hyperparameters.All.Select(full.Count)]);
        var boxes = new List<Box>(miners);
        Bisect(root, miners, random, boxes);
        var subspaces = boxes.Select(box => box.ToSpace(full)).ToImmutableArray();
        return new Partition(Name, seed, full, subspaces);
    }

    private static void Bisect(Box box, int parts, SeededRandom random, List<Box> boxes)
    {
        if (parts == 1)
        {
            boxes.Add(box);
            return;
        }

        var cut = BestCut(box, parts, random);
        Bisect(box.Lower(cut.Hyperparameter, cut.Values), cut.Parts, random, boxes);
        Bisect(box.Upper(cut.Hyperparameter, cut.Values), parts - cut.Parts, random, boxes);
    }

    private static Cut BestCut(Box box, int parts, SeededRandom random)
    {
        var size = box.Size;
        var best = new List<Cut>();
        var bestScore = (double.MaxValue, int.MaxValue, 0);
        for (var h = 0; h < Hyperparameters.Count; h++)
        {
            var n = box.Counts[h];
            var slice = size / n;
            for (var lowerValues = 1; lowerValues < n; lowerValues++)
            {
                // miners on the lower side: proportional, clamped so each side has at least one configuration per miner
                var low = Math.Max(1L, parts - (slice * (n - lowerValues)));
                var high = Math.Min(parts - 1L, slice * lowerValues);
                var lowerParts = (int)Math.Clamp((long)Math.Round((double)parts * lowerValues / n), low, high);
                var perMinerLower = (double)lowerValues / lowerParts;
                var perMinerUpper = (double)(n - lowerValues) / (parts - lowerParts);
                var score = (Math.Round(Math.Abs(Math.Log(perMinerLower / perMinerUpper)), 12), Math.Abs((2 * lowerParts) - parts), -n);
                if (score.CompareTo(bestScore) < 0)
                {
                    bestScore = score;
                    best.Clear();
                }

                if (score.CompareTo(bestScore) == 0)
                {
                    best.Add(new Cut(h, lowerValues, lowerParts));
                }
            }
        }

        return best[random.NextInt(best.Count)];
    }

    private readonly record struct Cut(int Hyperparameter, int Values, int Parts);

    private sealed record Box(ImmutableArray<int> Starts, ImmutableArray<int> Counts)
    {
        public long Size => Counts.Aggregate(1L, (product, count) => product * count);

        public Box Lower(int hyperparameter, int values) => this with { Counts = Counts.SetItem(hyperparameter, values) };

        public Box Upper(int hyperparameter, int values) => new(
            Starts.SetItem(hyperparameter, Starts[hyperparameter] + values),
            Counts.SetItem(hyperparameter, Counts[hyperparameter] - values));

        public SearchSpace ToSpace(SearchSpace full) => SearchSpace.Create(
            [.. Hyperparameters.All.Select(h => (IReadOnlyList<int>)full[h].Skip(Starts[(int)h]).Take(Counts[(int)h]).ToList())]);
    }
}
