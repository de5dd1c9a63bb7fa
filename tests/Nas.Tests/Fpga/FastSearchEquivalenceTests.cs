using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class FastSearchEquivalenceTests
{
    /// <summary>The full space without strides or pooling: larger maps, so that the budgets bind more often.</summary>
    private static readonly SearchSpace Dense = SearchSpace.Create(
    [
        [1, 3, 5, 7, 9], [1, 3, 5, 7, 9], [4, 8, 12, 24, 36, 64, 128], [1], [1],
        [1], [0, 1, 2, 3], [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4], [0, 1, 2, 3, 4, 5, 6],
    ]);

    /// <summary>The paper's constraints and tighter ones (non-integer cycle budgets), each giving a mix of
    /// feasible, infeasible and multi-group results on these architectures.</summary>
    public static TheoryData<string, long, double> Settings => new()
    {
        { "naqs-2019", 100_000, 10 },
        { "tiled", 100_000, 10 },
        { "naqs-2019", 10_000, 300 },
        { "tiled", 10_000, 300 },
        { "naqs-2019", 20_000, 3000 },
        { "tiled", 20_000, 3000 },
        { "naqs-2019", 3_000, 30 },
        { "tiled", 3_000, 30 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Fast_search_matches_the_literal_reference_search(string name, long lutLimit, double minThroughput)
    {
        var model = (GroupSearchModel)FpgaCostModels.Get(name);
        var constraints = new FpgaConstraints(lutLimit, minThroughput);
        for (var seed = 0UL; seed < 200; seed++)
        {
            foreach (var space in new[] { TestSpaces.PrintedFull, Dense })
            {
                var architecture = space.SampleArchitecture(1 + (int)(seed % 8), new SeededRandom(seed));
                var expected = LiteralReferenceSearch.Estimate(architecture, constraints, model.Multipliers, model.ChannelsAsRows);
                var actual = model.Estimate(architecture, constraints);

                Assert.Equal(expected.Luts, actual.Luts);
                Assert.Equal(expected.Cycles, actual.Cycles);
                Assert.Equal(expected.Throughput, actual.Throughput);
                Assert.Equal(expected.Feasible, actual.Feasible);
                Assert.Equal(expected.Groups.Select(group => group.ToArray()), actual.Groups.Select(group => group.ToArray()));
            }
        }
    }

    [Fact]
    public void Literal_reference_search_reproduces_the_check_network()
    {
        var estimate = LiteralReferenceSearch.Estimate(FpgaCostModelTests.CheckNetwork, FpgaConstraints.Paper, MultiplierTable.Reference, channelsAsRows: true);

        Assert.Equal(99_968, estimate.Luts);
        Assert.Equal(
            [[(3, 64)], [(64, 48), (48, 48)], [(48, 64), (64, 36), (9, 13)]],
            estimate.Groups.Select(group => group.Select(t => (t.Tn, t.Tm)).ToArray()).ToArray());
    }
}
