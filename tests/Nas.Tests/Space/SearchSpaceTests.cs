using System.Collections.Immutable;
using System.Numerics;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Space;

public class SearchSpaceTests
{
    [Fact]
    public void The_printed_full_space_has_the_papers_range_sizes_and_size()
    {
        var full = TestSpaces.PrintedFull;
        Assert.Equal<int>([5, 5, 7, 5, 5, 2, 4, 7, 5, 7], full.RangeSizes);
        Assert.Equal(new BigInteger(8_575_000), full.LayerConfigurations);
        Assert.Equal(BigInteger.Pow(8_575_000, 6), full.Size(6));
        Assert.Equal(BigInteger.Parse("397561913552355712890625000000000000000000", System.Globalization.CultureInfo.InvariantCulture), full.Size(6));
        Assert.Equal(41.5994, full.Log10Size(6), 3);
    }

    [Fact]
    public void Sizes_do_not_overflow_for_many_layers()
    {
        var size = TestSpaces.PrintedFull.Size(64);
        Assert.Equal(BigInteger.Pow(8_575_000, 64), size);
        Assert.Equal(64 * Math.Log10(8_575_000), BigInteger.Log10(size), 6);
        Assert.Equal(64 * Math.Log10(8_575_000), TestSpaces.PrintedFull.Log10Size(64), 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => TestSpaces.PrintedFull.Size(0));
    }

    [Fact]
    public void Contains_checks_every_hyperparameter_of_every_layer()
    {
        var full = TestSpaces.PrintedFull;
        Assert.True(full.Contains(TestSpaces.Layer()));
        Assert.False(full.Contains(TestSpaces.Layer(filters: 48)));
        Assert.False(full.Contains(TestSpaces.Layer(filter: 2)));
        var architecture = new Architecture([TestSpaces.Layer(), TestSpaces.Layer(stride: 6)]);
        Assert.False(full.Contains(architecture));
        Assert.True(full.Contains(new Architecture([TestSpaces.Layer(), TestSpaces.Layer(stride: 5, pool: 2)])));
    }

    [Fact]
    public void Subspace_and_union_relations()
    {
        Assert.True(TestSpaces.Tiny.IsSubspaceOf(TestSpaces.Tiny));
        Assert.False(TestSpaces.Tiny.IsSubspaceOf(TestSpaces.PrintedFull));
        var union = TestSpaces.Tiny.Union(TestSpaces.PrintedFull);
        Assert.True(TestSpaces.PrintedFull.IsSubspaceOf(union));
        Assert.True(TestSpaces.Tiny.IsSubspaceOf(union));
        Assert.Equal<int>([4, 8, 12, 16, 24, 36, 64, 128], union[Hyperparameter.NumFilters]);
    }

    [Theory]
    [InlineData(0, new int[0], "key 'filter_height': the set of values is empty")]
    [InlineData(3, new[] { 2, 1 }, "key 'stride_height': values must be strictly increasing, but 1 follows 2")]
    [InlineData(3, new[] { 1, 1 }, "key 'stride_height': values must be strictly increasing")]
    [InlineData(3, new[] { 0, 1 }, "key 'stride_height': value 0 is not admissible (allowed 1..32)")]
    [InlineData(6, new[] { -1 }, "key 'act_num_int_bits': value -1 is not admissible (allowed 0..16)")]
    [InlineData(2, new[] { 0 }, "key 'num_filters': value 0 is not admissible")]
    public void Bad_value_sets_are_refused_naming_the_key(int hyperparameter, int[] values, string expected)
    {
        var sets = TestSpaces.Tiny.RangeSizes.Select((_, i) => (IReadOnlyList<int>)TestSpaces.Tiny[(Hyperparameter)i].ToArray()).ToArray();
        sets[hyperparameter] = values;
        var error = Assert.Throws<SpaceFormatException>(() => SearchSpace.Create(sets));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_space_needs_all_ten_hyperparameters_and_at_most_64_values_each()
    {
        var missing = Assert.Throws<SpaceFormatException>(() => SearchSpace.Create(new Dictionary<Hyperparameter, IReadOnlyList<int>> { [Hyperparameter.FilterHeight] = [1] }));
        Assert.Contains("missing key(s): filter_width", missing.Message, StringComparison.Ordinal);
        var sets = Enumerable.Range(0, 10).Select(_ => (IReadOnlyList<int>)[1]).ToArray();
        sets[2] = Enumerable.Range(1, 65).ToArray();
        var tooMany = Assert.Throws<SpaceFormatException>(() => SearchSpace.Create(sets));
        Assert.Contains("key 'num_filters': 65 values; at most 64", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spaces_compare_by_value()
    {
        var copy = SearchSpace.Create(Hyperparameters.All.Select(h => (IReadOnlyList<int>)TestSpaces.Tiny[h].ToList()).ToList());
        Assert.Equal(TestSpaces.Tiny, copy);
        Assert.Equal(TestSpaces.Tiny.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(TestSpaces.Tiny, TestSpaces.PrintedFull);
    }

    [Fact]
    public void Sampled_architectures_stay_in_their_space_and_repeat_for_a_seed()
    {
        var first = new SeededRandom(11);
        var second = new SeededRandom(11);
        for (var i = 0; i < 200; i++)
        {
            var architecture = TestSpaces.PrintedFull.SampleArchitecture(6, first);
            Assert.Equal(6, architecture.Layers.Length);
            Assert.True(TestSpaces.PrintedFull.Contains(architecture));
            Assert.Equal(architecture, TestSpaces.PrintedFull.SampleArchitecture(6, second));
        }
    }

    [Fact]
    public void An_architecture_needs_a_layer()
    {
        Assert.Throws<ArgumentException>(() => new Architecture(ImmutableArray<Layer>.Empty));
        Assert.Throws<ArgumentException>(() => Layer.FromValues([1, 2, 3]));
    }
}
