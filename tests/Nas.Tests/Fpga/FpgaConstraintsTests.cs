using PoNasOrleans.Nas.Fpga;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class FpgaConstraintsTests
{
    [Fact]
    public void Defaults_are_the_papers()
    {
        var constraints = new FpgaConstraints();
        Assert.Equal(100_000, constraints.LutLimit);
        Assert.Equal(10, constraints.MinThroughput);
        Assert.Equal(1e7, constraints.CycleBudget);
        Assert.Equal(constraints, FpgaConstraints.Paper);
        Assert.Equal(1e8 / 3, new FpgaConstraints(5, 3).CycleBudget);
    }

    [Theory]
    [InlineData(0, 10, "lutLimit")]
    [InlineData(-5, 10, "lutLimit")]
    [InlineData(100_000, 0, "minThroughput")]
    [InlineData(100_000, -1, "minThroughput")]
    [InlineData(100_000, double.NaN, "minThroughput")]
    [InlineData(100_000, double.PositiveInfinity, "minThroughput")]
    public void Invalid_constraints_name_the_parameter(long lutLimit, double minThroughput, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FpgaConstraints(lutLimit, minThroughput));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feasibility_needs_luts_within_the_limit_and_throughput_strictly_above()
    {
        var constraints = new FpgaConstraints(1_000, 10);
        Assert.True(FpgaEstimate.Of(1_000, 9_999_999, [], constraints).Feasible);
        Assert.False(FpgaEstimate.Of(1_001, 9_999_999, [], constraints).Feasible);
        Assert.False(FpgaEstimate.Of(1_000, 10_000_000, [], constraints).Feasible);
        Assert.Equal(1e8 / 9_999_999, FpgaEstimate.Of(1_000, 9_999_999, [], constraints).Throughput);
    }
}
