using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Json;

public class ArchitectureJsonTests
{
    private const string GoodLayer = "{\"filter_height\":3,\"filter_width\":3,\"num_filters\":36,\"stride_height\":1,\"stride_width\":1,\"pool_size\":2,\"act_num_int_bits\":1,\"act_num_frac_bits\":4,\"weight_num_int_bits\":1,\"weight_num_frac_bits\":4}";

    [Fact]
    public void Reads_the_spec_example()
    {
        var architecture = ArchitectureJson.Parse($"{{\"layers\":[{GoodLayer}]}}");
        Assert.Equal(new Layer(3, 3, 36, 1, 1, 2, 1, 4, 1, 4), Assert.Single(architecture.Layers));
    }

    [Fact]
    public void Writing_then_reading_gives_the_same_architecture()
    {
        var random = new SeededRandom(1);
        for (var i = 0; i < 100; i++)
        {
            var architecture = PresetCatalog.Paper.Full.SampleArchitecture(1 + (i % 8), random);
            var json = ArchitectureJson.Write(architecture);
            Assert.DoesNotContain('\n', json);
            Assert.Equal(architecture, ArchitectureJson.Parse(json, PresetCatalog.Paper.Full));
        }
    }

    [Fact]
    public void Keys_are_written_in_the_papers_order()
    {
        var json = ArchitectureJson.Write(new Architecture([new Layer(3, 3, 36, 1, 1, 2, 1, 4, 1, 4)]));
        Assert.Equal($"{{\"layers\":[{GoodLayer}]}}", json);
    }

    [Theory]
    [InlineData("\"filter_height\":3", "\"filter_height\":3,\"colour\":1", "layer 1: unknown key 'colour'")]
    [InlineData("\"num_filters\":36", "\"num_filters\":48", "layer 1, key 'num_filters': value 48 is not in the space {4, 8, 12, 24, 36, 64, 128}")]
    [InlineData("\"stride_height\":1", "\"stride_height\":0", "layer 1, key 'stride_height': value 0 is not in the space {1, 2, 3, 4, 5}")]
    [InlineData("\"num_filters\":36", "\"num_filters\":36.5", "layer 1, key 'num_filters': expected an integer, got 36.5")]
    [InlineData("\"num_filters\":36", "\"num_filters\":\"36\"", "layer 1, key 'num_filters': expected an integer, got a string")]
    [InlineData("\"num_filters\":36", "\"num_filters\":1e2", "layer 1, key 'num_filters': expected an integer, got 1e2")]
    [InlineData("\"num_filters\":36", "\"num_filters\":99999999999", "layer 1, key 'num_filters': expected an integer, got 99999999999")]
    [InlineData("\"pool_size\":2,", "", "layer 1: missing key(s) pool_size")]
    [InlineData("\"pool_size\":2", "\"pool_size\":2,\"pool_size\":1", "layer 1, key 'pool_size': appears twice")]
    public void Malformed_layers_name_the_layer_and_key(string find, string replace, string expected)
    {
        var bad = GoodLayer.Replace(find, replace, StringComparison.Ordinal);
        var json = $"{{\"layers\":[{GoodLayer},{GoodLayer},{bad}]}}";
        var error = Assert.Throws<ArchitectureFormatException>(() => ArchitectureJson.Parse(json, TestSpaces.PrintedFull));
        Assert.Contains(expected.Replace("layer 1", "layer 3", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"layers\":[]}", "key 'layers' is empty: an architecture needs at least one layer")]
    [InlineData("{\"layers\":[{\"filter_height\":3", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[1,2]", "expected a JSON object with key 'layers', got an array")]
    [InlineData("{}", "missing key 'layers'")]
    [InlineData("{\"layers\":{}}", "key 'layers': expected an array of layers, got an object")]
    [InlineData("{\"layers\":[3]}", "layer 1: expected an object, got a number")]
    [InlineData("{\"layers\":[],\"name\":\"x\"}", "unknown key 'name' at the top level")]
    public void Malformed_documents_say_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<ArchitectureFormatException>(() => ArchitectureJson.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_space_values_must_still_be_admissible()
    {
        var stride0 = GoodLayer.Replace("\"stride_width\":1", "\"stride_width\":0", StringComparison.Ordinal);
        var error = Assert.Throws<ArchitectureFormatException>(() => ArchitectureJson.Parse($"{{\"layers\":[{stride0}]}}"));
        Assert.Contains("layer 1, key 'stride_width': value 0 is not admissible (allowed 1..32)", error.Message, StringComparison.Ordinal);
        var outsidePaper = GoodLayer.Replace("\"num_filters\":36", "\"num_filters\":48", StringComparison.Ordinal);
        Assert.Equal(48, ArchitectureJson.Parse($"{{\"layers\":[{outsidePaper}]}}").Layers[0].NumFilters);
    }

    [Fact]
    public void The_layer_count_can_be_required()
    {
        var json = $"{{\"layers\":[{GoodLayer},{GoodLayer}]}}";
        Assert.Equal(2, ArchitectureJson.Parse(json, expectedLayers: 2).Layers.Length);
        var error = Assert.Throws<ArchitectureFormatException>(() => ArchitectureJson.Parse(json, expectedLayers: 6));
        Assert.Contains("expected 6 layers, got 2", error.Message, StringComparison.Ordinal);
    }
}
