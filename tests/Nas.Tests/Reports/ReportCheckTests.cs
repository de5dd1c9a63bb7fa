using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Reports;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Reports;

public class ReportCheckTests
{
    private static readonly SearchSpace S1 = PresetCatalog.Paper["S1"];
    private static readonly FpgaConstraints Constraints = new();
    private static readonly ReportCheck Check = new(S1, 6, FpgaCostModels.Tiled, Constraints);

    /// <summary>An honest report of a random S1 architecture.</summary>
    private static EpisodeReport Honest(ulong seed, long sequence = 1, double reward = 0.5)
    {
        var architecture = S1.SampleArchitecture(6, new SeededRandom(seed));
        var estimate = FpgaCostModels.Tiled.Estimate(architecture, Constraints);
        return new EpisodeReport(sequence, architecture, estimate.Luts, estimate.Throughput, estimate.Feasible, estimate.Feasible ? reward : 0);
    }

    [Fact]
    public void Honest_reports_are_accepted()
    {
        for (ulong seed = 0; seed < 50; seed++)
        {
            Assert.True(Check.Check(Honest(seed), 1).IsAccepted);
        }
    }

    [Fact]
    public void A_value_outside_the_subspace_is_refused_naming_layer_and_key()
    {
        var report = Honest(1);
        var layers = report.Architecture.Layers.SetItem(2, report.Architecture.Layers[2] with { FilterHeight = 3 });
        var verdict = Check.Check(report with { Architecture = new Architecture(layers) }, 1);
        Assert.Equal(ReportRefusal.OutsideSubspace, verdict.Refusal);
        Assert.Contains("layer 3, key 'filter_height': value 3 is not in the subspace {1, 5, 7}", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_layer_count_is_refused()
    {
        var report = Honest(2);
        var verdict = Check.Check(report with { Architecture = new Architecture(report.Architecture.Layers.RemoveAt(0)) }, 1);
        Assert.Equal(ReportRefusal.WrongLayerCount, verdict.Refusal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.PositiveInfinity)]
    public void Rewards_outside_zero_to_one_are_refused(double reward)
    {
        Assert.Equal(ReportRefusal.RewardOutOfRange, Check.Check(Honest(3) with { Reward = reward }, 1).Refusal);
    }

    [Fact]
    public void A_hardware_estimate_that_does_not_match_is_refused()
    {
        var report = Honest(4);
        Assert.Equal(ReportRefusal.HardwareMismatch, Check.Check(report with { Luts = report.Luts - 1 }, 1).Refusal);
        Assert.Equal(ReportRefusal.HardwareMismatch, Check.Check(report with { Throughput = report.Throughput * 1.001 }, 1).Refusal);
        var flipped = Check.Check(report with { Feasible = !report.Feasible }, 1);
        Assert.Equal(ReportRefusal.HardwareMismatch, flipped.Refusal);
        Assert.Contains("the pool's tiled estimate is", flipped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infeasible_architecture_cannot_earn_a_reward()
    {
        var strict = new ReportCheck(S1, 6, FpgaCostModels.Tiled, new FpgaConstraints(100_000, 1_000_000));
        var architecture = S1.SampleArchitecture(6, new SeededRandom(5));
        var estimate = FpgaCostModels.Tiled.Estimate(architecture, new FpgaConstraints(100_000, 1_000_000));
        Assert.False(estimate.Feasible);
        var report = new EpisodeReport(1, architecture, estimate.Luts, estimate.Throughput, false, 0.7);
        Assert.Equal(ReportRefusal.RewardForInfeasible, strict.Check(report, 1).Refusal);
        Assert.True(strict.Check(report with { Reward = 0 }, 1).IsAccepted);
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(5, 4)]
    public void Duplicate_or_skipped_sequence_numbers_are_refused(long sequence, long expected)
    {
        var verdict = Check.Check(Honest(6, sequence), expected);
        Assert.Equal(ReportRefusal.OutOfSequence, verdict.Refusal);
        Assert.Contains($"the next expected is {expected}", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reference_model_gives_other_estimates_than_the_task_model()
    {
        // a miner that estimates with another model than the task's is caught
        var report = Honest(7);
        var reference = FpgaCostModels.Naqs2019.Estimate(report.Architecture, Constraints);
        var claimed = report with { Luts = reference.Luts, Throughput = reference.Throughput, Feasible = reference.Feasible };
        Assert.Equal(ReportRefusal.HardwareMismatch, Check.Check(claimed, 1).Refusal);
    }
}
