using System.Collections.Immutable;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class FpgaCostModelTests
{
    /// <summary>The spec's six-layer check network, every layer with bits (1, 4, 1, 4).</summary>
    internal static Architecture CheckNetwork { get; } = Network(
        (3, 3, 64, 1, 1, 1), (7, 5, 48, 1, 1, 1), (5, 5, 48, 2, 1, 1), (3, 5, 64, 1, 1, 1), (5, 7, 36, 1, 1, 1), (3, 1, 64, 1, 2, 2));

    [Fact]
    public void Naqs2019_matches_the_reference_on_the_check_network()
    {
        var estimate = FpgaCostModels.Naqs2019.Estimate(CheckNetwork, new FpgaConstraints(100_000, 10));

        Assert.True(estimate.Feasible);
        Assert.Equal(99_968, estimate.Luts);
        Assert.Equal(1e8 / estimate.Cycles, estimate.Throughput);
        Assert.InRange(estimate.Throughput, 599.959, 599.960);
        Assert.Equal(
            [[(3, 64)], [(64, 48), (48, 48)], [(48, 64), (64, 36), (9, 13)]],
            estimate.Groups.Select(group => group.Select(t => (t.Tn, t.Tm)).ToArray()).ToArray());
        Assert.Equal(estimate.Cycles, estimate.Groups.Sum(group => group.Max(t => t.Cycles)));
        Assert.Equal(estimate.Luts, estimate.Groups.Max(group => group.Sum(t => t.Luts)));
    }

    [Fact]
    public void Naqs2019_finds_no_solution_for_the_check_network_at_throughput_1000()
    {
        var estimate = FpgaCostModels.Naqs2019.Estimate(CheckNetwork, new FpgaConstraints(100_000, 1000));

        Assert.Equal(FpgaEstimate.NoSolution, estimate);
        Assert.False(estimate.Feasible);
        Assert.Equal(0, estimate.Luts);
        Assert.Equal(0, estimate.Cycles);
        Assert.Equal(0, estimate.Throughput);
        Assert.Empty(estimate.Groups);
    }

    [Fact]
    public void Naqs2019_finds_six_9x9x128_layers_infeasible()
    {
        var layer = new Layer(9, 9, 128, 1, 1, 1, 3, 6, 4, 6);
        var estimate = FpgaCostModels.Naqs2019.Estimate(new Architecture([.. Enumerable.Repeat(layer, 6)]), FpgaConstraints.Paper);

        Assert.False(estimate.Feasible);
    }

    [Fact]
    public void Naqs2019_finds_six_1x1x4_stride_5_layers_feasible()
    {
        var layer = new Layer(1, 1, 4, 5, 5, 1, 0, 0, 0, 0);
        var estimate = FpgaCostModels.Naqs2019.Estimate(new Architecture([.. Enumerable.Repeat(layer, 6)]), FpgaConstraints.Paper);

        Assert.True(estimate.Feasible);
        Assert.Equal(124, estimate.Luts);
        Assert.Equal(1e8 / estimate.Cycles, estimate.Throughput);
        Assert.InRange(estimate.Throughput, 1_041_666.6, 1_041_666.7);
    }

    [Fact]
    public void A_tiling_just_above_a_fractional_cycle_budget_does_not_fit()
    {
        // one 1×1×4 layer: at best (Tn, Tm) = (3, 4), ceil(4/4)·ceil(3/3)·R'·C = 3·32 = 96 cycles in naqs-2019
        var network = new Architecture([new Layer(1, 1, 4, 1, 1, 1, 0, 0, 0, 0)]);

        Assert.Equal(FpgaEstimate.NoSolution, FpgaCostModels.Naqs2019.Estimate(network, new FpgaConstraints(100_000, 1e8 / 95.5)));
        var fits = FpgaCostModels.Naqs2019.Estimate(network, new FpgaConstraints(100_000, 1e8 / 96.5));
        Assert.True(fits.Feasible);
        Assert.Equal(new LayerTiling(3, 4, fits.Luts, 96), Assert.Single(Assert.Single(fits.Groups)));
    }

    internal static Architecture Network(params (int Kh, int Kw, int Filters, int Sh, int Sw, int Pool)[] layers) =>
        new([.. layers.Select(l => new Layer(l.Kh, l.Kw, l.Filters, l.Sh, l.Sw, l.Pool, 1, 4, 1, 4))]);
}
