using FsCheck.Xunit;
using PoNasOrleans.Nas.Supervision;

namespace PoNasOrleans.Nas.Tests.Supervision;

public sealed class RewardGroupsTests
{
    [Fact]
    public void Two_clusters_split_at_their_gap_and_the_high_groups_deviation_is_the_population_deviation()
    {
        var groups = RewardGroups.Of([0.2, 0.81, 0.25, 0.79, 0.8, 0.22]);
        Assert.Equal<double>([0.81, 0.8, 0.79], groups.High);
        Assert.Equal<double>([0.25, 0.22, 0.2], groups.Low);
        Assert.Equal(Math.Sqrt(((0.01 * 0.01) + 0 + (0.01 * 0.01)) / 3), groups.HighDeviation, 12);
    }

    [Fact]
    public void One_outlier_above_the_rest_is_a_high_group_of_one_with_no_deviation()
    {
        var groups = RewardGroups.Of([0.5, 0.52, 0.51, 0.9]);
        Assert.Equal<double>([0.9], groups.High);
        Assert.Equal(0, groups.HighDeviation);
    }

    [Fact]
    public void Equal_rewards_and_tiny_inputs_give_the_documented_groups()
    {
        Assert.Equal<double>([0.5, 0.5, 0.5], RewardGroups.Of([0.5, 0.5, 0.5]).High);
        Assert.Equal<double>([0.7], RewardGroups.Of([0.7]).High);
        Assert.Empty(RewardGroups.Of([]).High);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void A_reward_that_is_not_an_accuracy_is_refused(double bad)
    {
        var error = Assert.Throws<ArgumentException>(() => RewardGroups.Of([0.5, bad]));
        Assert.Equal("bestRewards", error.ParamName);
    }

    [Property]
    public bool Every_high_reward_is_at_least_every_low_reward_and_nothing_is_lost(byte[] raw)
    {
        var rewards = raw.Select(b => b / 255.0).ToList();
        var groups = RewardGroups.Of(rewards);
        return groups.High.Length + groups.Low.Length == rewards.Count
            && (groups.Low.IsEmpty || groups.High.Min() >= groups.Low.Max())
            && (rewards.Count == 0 || !groups.High.IsEmpty);
    }
}
