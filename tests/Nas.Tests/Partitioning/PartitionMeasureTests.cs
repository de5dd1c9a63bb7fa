using PoNasOrleans.Nas.Partitioning;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Partitioning;

public class PartitionMeasureTests
{
    private static SearchSpace Tiny(int[] filterHeights, int[] numFilters) =>
        SearchSpace.Create([filterHeights, [3], numFilters, [1], [1], [1], [1], [4], [1], [4]]);

    [Fact]
    public void Identical_subspaces_overlap_fully()
    {
        var metrics = PartitionMeasure.Measure(TestSpaces.Tiny, [TestSpaces.Tiny, TestSpaces.Tiny]);
        Assert.Equal(1.0, metrics.MeanPairwiseOverlap);
        Assert.Equal(1.0, metrics.Coverage);
        Assert.Equal(1.0, metrics.SizeSpread);
        Assert.Equal(0.0, metrics.SizeCoefficientOfVariation);
    }

    [Fact]
    public void Hand_computed_coverage_overlap_and_spread()
    {
        // full: 2 heights x 2 filter counts = 4 configurations
        var a = Tiny([1, 3], [8]);       // {(1,8), (3,8)}
        var b = Tiny([1], [8, 16]);      // {(1,8), (1,16)}
        var c = Tiny([1], [8]);          // {(1,8)}
        var metrics = PartitionMeasure.Measure(TestSpaces.Tiny, [a, b, c]);
        Assert.Equal(0.75, metrics.Coverage);            // (3,16) is missing
        Assert.Equal(((1.0 / 3) + 0.5 + 0.5) / 3, metrics.MeanPairwiseOverlap, 12);
        Assert.Equal(0.5, metrics.MaxPairwiseOverlap);
        Assert.Equal(1, metrics.MinSize);
        Assert.Equal(2, metrics.MaxSize);
        Assert.Equal(2.0, metrics.SizeSpread);
    }

    [Fact]
    public void Coverage_counts_exactly_with_many_subspaces()
    {
        // 130 copies of one half of the space spread over several 64-bit words of the subspace bit set
        var half = Tiny([1], [8, 16]);
        var subspaces = Enumerable.Repeat(half, 129).Append(Tiny([3], [16])).ToList();
        Assert.Equal(0.75, PartitionMeasure.Measure(TestSpaces.Tiny, subspaces).Coverage);
    }

    [Fact]
    public void Large_full_spaces_are_sampled_with_a_flag()
    {
        var huge = SearchSpace.Create(Enumerable.Range(0, 10).Select(h => (IReadOnlyList<int>)Enumerable.Range(h is 6 or 7 or 8 or 9 ? 0 : 1, 8).ToArray()).ToList());
        var half = SearchSpace.Create(Hyperparameters.All.Select(h => (IReadOnlyList<int>)(h == Hyperparameter.FilterHeight ? huge[h].Take(4).ToArray() : huge[h].ToArray())).ToList());
        var metrics = PartitionMeasure.Measure(huge, [half]);
        Assert.False(metrics.CoverageIsExact);
        Assert.Equal(0.5, metrics.Coverage, 2);
    }

    [Fact]
    public void Subspaces_outside_the_full_space_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PartitionMeasure.Measure(TestSpaces.Tiny, [TestSpaces.Tiny, TestSpaces.PrintedFull]));
        Assert.Contains("subspace 2 is not inside the full space", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PartitionMeasure.Measure(TestSpaces.Tiny, []));
    }
}
