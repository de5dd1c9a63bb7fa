using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class ModelDifferenceTests
{
    private static readonly GroupSearchModel Reference = (GroupSearchModel)FpgaCostModels.Naqs2019;
    private static readonly GroupSearchModel Tiled = (GroupSearchModel)FpgaCostModels.Tiled;

    [Fact]
    public void Tiled_differs_from_naqs2019_where_rows_differ_from_channels()
    {
        // layer 0 has N = 3 channels but R = 34 padded rows: its cycles grow by 34/3 in tiled
        var layer = LayerHardware.Derive(FpgaCostModelTests.CheckNetwork)[0];
        Assert.Equal((3, 34), (Reference.CycleRows(layer), Tiled.CycleRows(layer)));
        Assert.True(Search(Reference, layer, 100_000, long.MaxValue, out var reference));
        Assert.True(Search(Tiled, layer, 100_000, long.MaxValue, out var tiled));
        Assert.Equal(reference.FewestCycles.Cycles * 34, tiled.FewestCycles.Cycles * 3);

        var naqs = FpgaCostModels.Naqs2019.Estimate(FpgaCostModelTests.CheckNetwork, FpgaConstraints.Paper);
        var corrected = FpgaCostModels.Tiled.Estimate(FpgaCostModelTests.CheckNetwork, FpgaConstraints.Paper);
        Assert.NotEqual(naqs.Cycles, corrected.Cycles);
        Assert.Equal((3, 64), (corrected.Groups[0][0].Tn, corrected.Groups[0][0].Tm));
        Assert.Equal(naqs.Groups[0][0].Cycles * 34, corrected.Groups[0][0].Cycles * 3);
    }

    [Fact]
    public void Tiled_agrees_with_naqs2019_on_layers_where_rows_equal_channels()
    {
        // 32 filters of 1×1 keep the 32×32 map: the next layer's 1×3 kernel has N = R = 32 and C = 34
        var layer = LayerHardware.Derive(new Architecture(
        [
            new Layer(1, 1, 32, 1, 1, 1, 2, 4, 1, 3),
            new Layer(1, 3, 24, 1, 1, 1, 1, 5, 2, 6),
        ]))[1];
        Assert.Equal(layer.N, layer.R);

        foreach (var lutBudget in new long[] { 0, 100, 1_000, 5_000, 20_000, 100_000, 1_000_000 })
        {
            foreach (var cycleLimit in new long[] { 0, 10_000, 100_000, 1_000_000, 10_000_000, long.MaxValue })
            {
                var found = Search(Reference, layer, lutBudget, cycleLimit, out var reference);
                Assert.Equal(found, Search(Tiled, layer, lutBudget, cycleLimit, out var tiled));
                Assert.Equal(reference, tiled);
            }
        }
    }

    [Fact]
    public void Only_tiled_corrects_mult_8_13()
    {
        // input integer bits 8 and 13 weight bits: 42 LUTs per multiplier in naqs-2019, 140 in tiled
        var layer = new LayerHardware(8, 16, 4, 4, 4, 6, 3, 3, 8, 1, 3, 3, 6, 7);
        Assert.True(Search(Reference, layer, long.MaxValue, long.MaxValue, out var reference));
        Assert.True(Search(Tiled, layer, long.MaxValue, long.MaxValue, out var tiled));
        Assert.Equal((1, 1), (reference.FewestLuts.Tn, reference.FewestLuts.Tm));
        Assert.Equal(98, tiled.FewestLuts.Luts - reference.FewestLuts.Luts);
    }

    private static bool Search(GroupSearchModel model, LayerHardware layer, long lutBudget, long cycleLimit, out (LayerTiling FewestLuts, LayerTiling FewestCycles) found)
    {
        var result = new LayerTilings(layer, model.Multipliers, model.CycleRows(layer)).TrySearch(lutBudget, cycleLimit, out var fewestLuts, out var fewestCycles);
        found = (fewestLuts, fewestCycles);
        return result;
    }
}
