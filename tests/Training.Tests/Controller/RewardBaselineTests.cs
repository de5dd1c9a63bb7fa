using PoNasOrleans.Training.Controller;

namespace PoNasOrleans.Training.Tests.Controller;

public class RewardBaselineTests
{
    [Fact]
    public void Averages_the_first_rewards_then_moves_with_factor_two_over_the_window()
    {
        var baseline = new RewardBaseline(4);
        Assert.Equal(0.6, baseline.Advance(0.6), 12);          // against 0
        Assert.Equal(0.6, baseline.Value, 12);
        Assert.Equal(-0.4, baseline.Advance(0.2), 12);         // against 0.6, the previous mean
        Assert.Equal(0.4, baseline.Value, 12);
        baseline.Advance(0.4);
        Assert.Equal(0.4, baseline.Value, 12);                 // mean of 0.6, 0.2, 0.4
        Assert.Equal(0.6, baseline.Advance(1.0), 12);          // fourth reward: moving average from here
        Assert.Equal(0.4 + (0.5 * 0.6), baseline.Value, 12);
        Assert.Equal(4, baseline.Count);
    }

    [Fact]
    public void Restores_from_count_and_value()
    {
        var baseline = RewardBaseline.Restore(20, 30, 0.5);
        Assert.Equal(0.1, baseline.Advance(0.6), 12);
        Assert.Equal(0.5 + (0.1 * 0.1), baseline.Value, 12);
    }
}
