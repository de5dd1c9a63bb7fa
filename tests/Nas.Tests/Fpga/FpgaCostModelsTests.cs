using PoNasOrleans.Nas.Fpga;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class FpgaCostModelsTests
{
    [Fact]
    public void The_catalogue_holds_the_two_named_models()
    {
        Assert.Equal(["naqs-2019", "tiled"], FpgaCostModels.Names.AsEnumerable());
        Assert.Same(FpgaCostModels.Naqs2019, FpgaCostModels.Get("naqs-2019"));
        Assert.Same(FpgaCostModels.Tiled, FpgaCostModels.Get("tiled"));
        Assert.Equal("tiled", FpgaCostModels.Tiled.Name);
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => FpgaCostModels.Get("naqs"));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("unknown FPGA cost model 'naqs' (known: naqs-2019, tiled)", error.Message, StringComparison.Ordinal);
    }
}
