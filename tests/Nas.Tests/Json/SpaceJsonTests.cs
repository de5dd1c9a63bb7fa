using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Json;

public class SpaceJsonTests
{
    [Fact]
    public void Round_trips_every_paper_space()
    {
        foreach (var space in PresetCatalog.Paper.SubspaceNames.Select(n => PresetCatalog.Paper[n]).Append(PresetCatalog.Paper.Full))
        {
            Assert.Equal(space, SpaceJson.Parse(SpaceJson.Write(space)));
        }
    }

    [Theory]
    [InlineData("[]", "space: expected an object")]
    [InlineData("{\"filter_height\":[1]}", "space: missing key(s) filter_width, num_filters")]
    [InlineData("{\"filter_height\":1}", "space, key 'filter_height': expected an array of integers, got a number")]
    [InlineData("{\"filter_height\":[1.5]}", "space, key 'filter_height': expected an integer, got 1.5")]
    [InlineData("{\"filter_height\":[1],\"filter_height\":[3]}", "space, key 'filter_height': appears twice")]
    [InlineData("{\"kernel\":[1]}", "space: unknown key 'kernel'")]
    [InlineData("{\"filter_height\":[1", "not valid JSON")]
    public void Malformed_spaces_name_the_key(string json, string expected)
    {
        var error = Assert.Throws<SpaceFormatException>(() => SpaceJson.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_validated_after_reading()
    {
        var json = SpaceJson.Write(TestSpaces.Tiny).Replace("\"stride_height\":[1]", "\"stride_height\":[0,1]", StringComparison.Ordinal);
        var error = Assert.Throws<SpaceFormatException>(() => SpaceJson.Parse(json));
        Assert.Contains("key 'stride_height': value 0 is not admissible", error.Message, StringComparison.Ordinal);
    }
}
