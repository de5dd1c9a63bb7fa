using FsCheck;
using FsCheck.Xunit;
using PoNasOrleans.Nas.Partitioning;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Partitioning;

public class Algorithm1PartitionerTests
{
    private static readonly Algorithm1Partitioner Algorithm1 = new();

    [Property(MaxTest = 60)]
    public void Every_subspace_is_a_non_empty_subspace_of_its_parent(ulong seed, PositiveInt miners, bool subspaceParent)
    {
        var parent = subspaceParent ? PresetCatalog.Paper["S1"] : PresetCatalog.Paper.Full;
        var partition = Algorithm1.Split(parent, 1 + (miners.Get % 40), seed);
        Assert.Equal(1 + (miners.Get % 40), partition.Subspaces.Length);
        Assert.All(partition.Subspaces, subspace =>
        {
            Assert.True(subspace.IsSubspaceOf(parent));
            Assert.All(Hyperparameters.All, h => Assert.NotEmpty(subspace[h]));
        });
    }

    [Property(MaxTest = 30)]
    public void The_same_seed_gives_the_same_partition(ulong seed)
    {
        var first = Algorithm1.Split(PresetCatalog.Paper.Full, 25, seed);
        var second = Algorithm1.Split(PresetCatalog.Paper.Full, 25, seed);
        Assert.Equal<SearchSpace>(first.Subspaces, second.Subspaces);
        Assert.Equal(seed, first.Seed);
        Assert.Equal("algorithm1", first.Strategy);
    }

    [Fact]
    public void Different_seeds_give_different_partitions()
    {
        var first = Algorithm1.Split(PresetCatalog.Paper.Full, 10, 1);
        var second = Algorithm1.Split(PresetCatalog.Paper.Full, 10, 2);
        Assert.NotEqual<SearchSpace>(first.Subspaces, second.Subspaces);
    }

    [Fact]
    public void Each_non_empty_subset_is_drawn_uniformly()
    {
        // a 3-value range has 7 non-empty subsets; 70,000 draws should give about 10,000 each
        var random = new SeededRandom(99);
        var counts = new int[8];
        for (var i = 0; i < 70_000; i++)
        {
            counts[Algorithm1Partitioner.NonEmptySubsetMask(3, random)]++;
        }

        Assert.Equal(0, counts[0]);
        Assert.All(counts.Skip(1), count => Assert.InRange(count, 9_600, 10_400));
    }

    [Fact]
    public void Masks_of_64_values_are_never_empty()
    {
        var random = new SeededRandom(5);
        for (var i = 0; i < 1000; i++)
        {
            Assert.NotEqual(0UL, Algorithm1Partitioner.NonEmptySubsetMask(64, random));
        }
    }

    [Fact]
    public void Refuses_zero_miners()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Algorithm1.Split(PresetCatalog.Paper.Full, 0, 1));
        Assert.Equal("miners", error.ParamName);
    }
}
