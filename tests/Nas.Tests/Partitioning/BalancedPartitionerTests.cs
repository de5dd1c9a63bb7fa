using FsCheck;
using FsCheck.Xunit;
using PoNasOrleans.Nas.Partitioning;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Partitioning;

public class BalancedPartitionerTests
{
    private static readonly BalancedPartitioner Balanced = new();

    [Property(MaxTest = 25)]
    public void Covers_the_full_space_without_overlap(ulong seed, PositiveInt miners)
    {
        var count = 1 + (miners.Get % 300);
        var partition = Balanced.Split(PresetCatalog.Paper.Full, count, seed);
        var metrics = PartitionMeasure.Measure(partition);
        Assert.Equal(count, partition.Subspaces.Length);
        Assert.True(metrics.CoverageIsExact);
        Assert.Equal(1.0, metrics.Coverage);
        Assert.Equal(0.0, metrics.MaxPairwiseOverlap);
        Assert.Equal(PresetCatalog.Paper.Full.LayerConfigurations, partition.Subspaces.Aggregate(System.Numerics.BigInteger.Zero, (sum, s) => sum + s.LayerConfigurations));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Subspace_sizes_are_comparable(int miners)
    {
        var metrics = PartitionMeasure.Measure(Balanced.Split(PresetCatalog.Paper.Full, miners, 7));
        Assert.InRange(metrics.SizeSpread, 1.0, 1.5);
        Assert.InRange(metrics.SizeCoefficientOfVariation, 0.0, 0.12);
    }

    [Fact]
    public void Is_far_more_even_and_less_overlapping_than_algorithm1()
    {
        var balanced = PartitionMeasure.Measure(Balanced.Split(PresetCatalog.Paper.Full, 9, 3));
        var algorithm1 = PartitionMeasure.Measure(new Algorithm1Partitioner().Split(PresetCatalog.Paper.Full, 9, 3));
        Assert.True(balanced.SizeSpread < algorithm1.SizeSpread);
        Assert.True(balanced.MeanPairwiseOverlap < algorithm1.MeanPairwiseOverlap);
        Assert.True(balanced.Coverage > algorithm1.Coverage);
    }

    [Property(MaxTest = 20)]
    public void The_same_seed_gives_the_same_partition(ulong seed)
    {
        Assert.Equal<SearchSpace>(Balanced.Split(PresetCatalog.Paper.Full, 37, seed).Subspaces, Balanced.Split(PresetCatalog.Paper.Full, 37, seed).Subspaces);
    }

    [Fact]
    public void One_miner_gets_the_whole_space()
    {
        Assert.Equal(PresetCatalog.Paper["S9"], Assert.Single(Balanced.Split(PresetCatalog.Paper["S9"], 1, 0).Subspaces));
    }

    [Fact]
    public void Splits_a_small_space_down_to_single_configurations()
    {
        var partition = Balanced.Split(TestSpaces.Tiny, 4, 0);
        Assert.All(partition.Subspaces, s => Assert.Equal(1, (int)s.LayerConfigurations));
        Assert.Equal(1.0, PartitionMeasure.Measure(partition).Coverage);
    }

    [Fact]
    public void Refuses_more_miners_than_layer_configurations()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Balanced.Split(TestSpaces.Tiny, 5, 0));
        Assert.Contains("only 4 layer configurations", error.Message, StringComparison.Ordinal);
        Assert.Contains("algorithm1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strategies_are_found_by_name()
    {
        Assert.IsType<BalancedPartitioner>(Partitioners.Get("balanced"));
        Assert.IsType<Algorithm1Partitioner>(Partitioners.Get("algorithm1"));
        var error = Assert.Throws<ArgumentException>(() => Partitioners.Get("kmeans"));
        Assert.Contains("known: algorithm1, balanced", error.Message, StringComparison.Ordinal);
    }
}
