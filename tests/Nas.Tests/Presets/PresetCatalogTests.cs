using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Presets;

public class PresetCatalogTests
{
    private static PresetCatalog Paper => PresetCatalog.Paper;

    [Fact]
    public void The_paper_preset_has_the_full_space_and_nine_subspaces()
    {
        Assert.Equal("paper", Paper.Name);
        Assert.Equal<string>(["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"], Paper.SubspaceNames);
        Assert.All(Paper.SubspaceNames, name => Assert.True(Paper[name].IsSubspaceOf(Paper.Full), name));
        Assert.True(TestSpaces.PrintedFull.IsSubspaceOf(Paper.Full));
    }

    [Fact]
    public void S3_stride_zero_is_dropped_with_a_warning()
    {
        Assert.Equal<int>([1, 2, 3], Paper["S3"][Hyperparameter.StrideHeight]);
        Assert.Equal<int>([1, 2, 3], Paper["S3"][Hyperparameter.StrideWidth]);
        var warnings = Paper.Warnings.Where(w => w.Space == "S3").ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Key == "stride_height" && w.Message.Contains("lists 0, not a valid value", StringComparison.Ordinal) && w.Message.Contains("dropped", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Key == "stride_width");
    }

    [Fact]
    public void The_full_space_is_widened_to_the_union_of_all_rows_with_a_warning()
    {
        Assert.Equal<int>([4, 8, 12, 24, 32, 36, 48, 64, 128], Paper.Full[Hyperparameter.NumFilters]);
        var warning = Assert.Single(Paper.Warnings, w => w.Space == "full" && w.Key == "num_filters");
        Assert.Contains("32 (in S7, S8); 48 (in S1, S2)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("union of all rows", warning.Message, StringComparison.Ordinal);
        Assert.Equal(TestSpaces.PrintedFull.LayerConfigurations * 9 / 7, Paper.Full.LayerConfigurations);
    }

    [Fact]
    public void The_weight_bit_reading_is_reported()
    {
        var note = Assert.Single(Paper.Warnings, w => w.Key == "weight bits");
        Assert.Contains("k = (5, 5, 7, 5, 5, 2, 4, 7, 5, 7)", note.Message, StringComparison.Ordinal);
        Assert.Equal<int>([0, 1, 2, 3, 4], Paper.Full[Hyperparameter.WeightNumIntBits]);
        Assert.Equal<int>([0, 1, 2, 3, 4, 5, 6], Paper.Full[Hyperparameter.WeightNumFracBits]);
    }

    [Fact]
    public void No_other_warnings_are_raised_for_the_paper()
    {
        Assert.Equal(4, Paper.Warnings.Length);
    }

    [Fact]
    public void Subspaces_keep_their_printed_values()
    {
        Assert.Equal<int>([1, 5, 7], Paper["S1"][Hyperparameter.FilterHeight]);
        Assert.Equal<int>([24, 36, 48, 64], Paper["S1"][Hyperparameter.NumFilters]);
        Assert.Equal<int>([5, 6], Paper["S9"][Hyperparameter.WeightNumFracBits]);
        Assert.Equal<int>([1], Paper["S7"][Hyperparameter.PoolSize]);
    }

    [Theory]
    [InlineData("paper", "full")]
    [InlineData("paper:full", "full")]
    [InlineData("paper:S4", "S4")]
    public void References_resolve(string reference, string expected)
    {
        Assert.Equal(expected == "full" ? Paper.Full : Paper[expected], Paper.Resolve(reference));
    }

    [Theory]
    [InlineData("paper:S10", "preset 'paper' has no subspace 'S10' (known: S1, S2")]
    [InlineData("zoph:S1", "unknown preset 'zoph' (known: paper)")]
    [InlineData("paper:s1", "no subspace 's1'")]
    public void Unknown_references_say_what_exists(string reference, string expected)
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Paper.Resolve(reference));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "a presets document is an object with a 'spaces' object")]
    [InlineData("{\"spaces\":{\"S1\":" + TinySpace + "}}", "the presets have no 'full' space")]
    [InlineData("{\"spaces\":{\"full\":" + TinySpace + ",\"S1\":{\"filter_height\":[1]}}}", "space 'S1': missing key(s) filter_width")]
    [InlineData("{\"spaces\":{\"full\":" + TinySpace + ",\"S1\":{\"filter_hieght\":[1]}}}", "space 'S1': unknown key 'filter_hieght'")]
    [InlineData("{\"spaces\":{\"full\":" + TinySpace + ",\"S1\":" + ZeroStrideSpace + "}}", "space 'S1', key 'stride_height': no valid value is left after dropping 0")]
    [InlineData("{\"spaces\":{\"full\":" + TinySpace, "presets are not valid JSON")]
    public void Broken_presets_are_refused_naming_the_space_and_key(string json, string expected)
    {
        var error = Assert.Throws<SpaceFormatException>(() => PresetCatalog.Load(json, "mine"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsorted_rows_are_sorted_with_a_warning()
    {
        var json = "{\"spaces\":{\"full\":" + TinySpace.Replace("[1, 3]", "[3, 1, 3]", StringComparison.Ordinal) + "}}";
        var catalog = PresetCatalog.Load(json, "mine");
        Assert.Equal<int>([1, 3], catalog.Full[Hyperparameter.FilterHeight]);
        Assert.Contains(catalog.Warnings, w => w.Key == "filter_height" && w.Message.Contains("sorted and deduplicated", StringComparison.Ordinal));
    }

    private const string TinySpace = "{\"filter_height\":[1, 3],\"filter_width\":[3],\"num_filters\":[8],\"stride_height\":[1],\"stride_width\":[1],\"pool_size\":[1],\"act_num_int_bits\":[1],\"act_num_frac_bits\":[4],\"weight_num_int_bits\":[1],\"weight_num_frac_bits\":[4]}";
    private const string ZeroStrideSpace = "{\"filter_height\":[1],\"filter_width\":[3],\"num_filters\":[8],\"stride_height\":[0],\"stride_width\":[1],\"pool_size\":[1],\"act_num_int_bits\":[1],\"act_num_frac_bits\":[4],\"weight_num_int_bits\":[1],\"weight_num_frac_bits\":[4]}";
}
