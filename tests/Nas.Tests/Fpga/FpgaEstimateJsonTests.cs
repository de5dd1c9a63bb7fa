using System.Text.Json;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class FpgaEstimateJsonTests
{
    [Fact]
    public void Writes_one_compact_line_of_the_spec_shape()
    {
        var estimate = new FpgaEstimate(30, 7, 1e8 / 7, true, [[new(1, 2, 10, 3)], [new(3, 4, 20, 4), new(5, 6, 10, 2)]]);

        Assert.Equal(
            "{\"luts\":30,\"cycles\":7,\"throughput\":14285714.285714285,\"feasible\":true,\"groups\":"
            + "[[{\"tn\":1,\"tm\":2,\"luts\":10,\"cycles\":3}],[{\"tn\":3,\"tm\":4,\"luts\":20,\"cycles\":4},{\"tn\":5,\"tm\":6,\"luts\":10,\"cycles\":2}]]}",
            FpgaEstimateJson.Write(estimate));
    }

    [Fact]
    public void No_solution_is_written_with_zeros_and_no_groups() =>
        Assert.Equal(
            "{\"luts\":0,\"cycles\":0,\"throughput\":0,\"feasible\":false,\"groups\":[]}",
            FpgaEstimateJson.Write(FpgaEstimate.NoSolution));

    [Fact]
    public void Throughput_round_trips_exactly()
    {
        var estimate = FpgaCostModels.Naqs2019.Estimate(FpgaCostModelTests.CheckNetwork, FpgaConstraints.Paper);
        var json = FpgaEstimateJson.Write(estimate);

        Assert.DoesNotContain('\n', json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(estimate.Throughput, document.RootElement.GetProperty("throughput").GetDouble());
        Assert.Equal(estimate.Luts, document.RootElement.GetProperty("luts").GetInt64());
        Assert.Equal(3, document.RootElement.GetProperty("groups").GetArrayLength());
    }
}
