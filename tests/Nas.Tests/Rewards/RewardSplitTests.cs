using PoNasOrleans.Nas.Rewards;

namespace PoNasOrleans.Nas.Tests.Rewards;

public class RewardSplitTests
{
    // expected values in this file were computed independently (Python, arbitrary-precision integers) and are the
    // examples of docs/rewards.md
    private static KeyValuePair<string, long>[] Work(params (string Id, long Units)[] miners) =>
        [.. miners.Select(m => KeyValuePair.Create(m.Id, m.Units))];

    private static void AssertPayouts(RewardSplit split, params (string Id, long Amount)[] expected)
    {
        Assert.Equal(expected.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Id, e.Amount)), split.Payouts);
        Assert.Equal(split.Reward, split.PoolFee + split.Payouts.Values.Sum());
    }

    [Fact]
    public void Seven_miners_share_a_prime_reward_with_fee_bonus_and_a_zero_work_miner()
    {
        var split = RewardSplit.Of(1_000_003, 150, 500, "m3", Work(("m1", 3), ("m2", 5), ("m3", 7), ("m4", 11), ("m5", 13), ("m6", 0), ("m7", 17)));
        Assert.Equal(15_000, split.PoolFee);
        Assert.Equal(49_250, split.FinderBonus);
        Assert.Equal("m3", split.FinderId);
        // pot 935,753 over 56 units; remainders m7 49, m1 35, m4 35 take the 3 units left over
        AssertPayouts(split, ("m1", 50_130), ("m2", 83_549), ("m3", 116_969 + 49_250), ("m4", 183_809), ("m5", 217_228), ("m6", 0), ("m7", 284_068));
    }

    [Fact]
    public void Equal_work_leaves_the_remainder_to_the_smallest_ids()
    {
        var split = RewardSplit.Of(1_000_003, 0, 0, null, Work(("m7", 1), ("m3", 1), ("m5", 1), ("m1", 1), ("m6", 1), ("m2", 1), ("m4", 1)));
        Assert.Equal(0, split.PoolFee);
        Assert.Equal(0, split.FinderBonus);
        AssertPayouts(split, ("m1", 142_858), ("m2", 142_858), ("m3", 142_858), ("m4", 142_858), ("m5", 142_857), ("m6", 142_857), ("m7", 142_857));
    }

    [Fact]
    public void The_largest_remainder_wins_over_the_smaller_id()
    {
        // 10 over 1:2 is 3.33 and 6.67; "b" has the larger fraction
        AssertPayouts(RewardSplit.Of(10, 0, 0, null, Work(("a", 1), ("b", 2))), ("a", 3), ("b", 7));
    }

    [Fact]
    public void Ties_are_broken_by_ordinal_id_so_upper_case_comes_first()
    {
        // ordinal: "B" (0x42) < "a" (0x61); a case-insensitive or (outside invariant globalization) a culture order would put "a" first
        AssertPayouts(RewardSplit.Of(1, 0, 0, null, Work(("a", 1), ("B", 1))), ("B", 1), ("a", 0));
    }

    [Fact]
    public void Without_a_finder_the_bonus_stays_in_the_pot()
    {
        var split = RewardSplit.Of(1_000, 0, 5_000, null, Work(("a", 1), ("b", 1)));
        Assert.Equal(0, split.FinderBonus);
        AssertPayouts(split, ("a", 500), ("b", 500));
    }

    [Fact]
    public void One_miner_gets_everything_after_the_fee()
    {
        var finder = RewardSplit.Of(1_000_003, 100, 2_500, "solo", Work(("solo", 42)));
        Assert.Equal(10_000, finder.PoolFee);
        Assert.Equal(247_500, finder.FinderBonus);
        AssertPayouts(finder, ("solo", 990_003));
        AssertPayouts(RewardSplit.Of(1_000_003, 100, 2_500, null, Work(("solo", 42))), ("solo", 990_003));
    }

    [Fact]
    public void Without_work_the_pot_goes_to_the_finder()
    {
        var split = RewardSplit.Of(1_000_003, 150, 500, "b", Work(("a", 0), ("b", 0), ("c", 0)));
        Assert.Equal(15_000, split.PoolFee);
        Assert.Equal(49_250, split.FinderBonus);
        AssertPayouts(split, ("a", 0), ("b", 985_003), ("c", 0));
    }

    [Fact]
    public void Without_work_or_finder_the_pool_keeps_the_pot()
    {
        var split = RewardSplit.Of(1_000_003, 150, 500, null, Work(("a", 0), ("b", 0)));
        Assert.Equal(1_000_003, split.PoolFee);
        Assert.Equal(0, split.FinderBonus);
        AssertPayouts(split, ("a", 0), ("b", 0));
        Assert.Equal(1_000_003, RewardSplit.Of(1_000_003, 0, 0, null, []).PoolFee);
    }

    [Fact]
    public void A_full_fee_leaves_nothing_to_share()
    {
        var split = RewardSplit.Of(long.MaxValue, 10_000, 10_000, "a", Work(("a", long.MaxValue), ("b", 1)));
        Assert.Equal(long.MaxValue, split.PoolFee);
        AssertPayouts(split, ("a", 0), ("b", 0));
    }

    [Fact]
    public void A_zero_reward_pays_zero()
    {
        AssertPayouts(RewardSplit.Of(0, 150, 500, "a", Work(("a", 5), ("b", 7))), ("a", 0), ("b", 0));
    }

    [Fact]
    public void The_largest_reward_and_work_totalling_long_max_value_do_not_overflow()
    {
        var split = RewardSplit.Of(long.MaxValue, 1, 1, "a", Work(("a", long.MaxValue - 2), ("b", 1), ("c", 1)));
        Assert.Equal(922_337_203_685_477, split.PoolFee);
        Assert.Equal(922_244_969_965_109, split.FinderBonus);
        // b and c are each owed 0.99980… of a unit: their remainders are the largest
        AssertPayouts(split, ("a", 9_222_449_699_651_090_328), ("b", 1), ("c", 1));
    }

    [Fact]
    public void Work_totalling_more_than_long_max_value_does_not_overflow()
    {
        var split = RewardSplit.Of(long.MaxValue, 250, 100, "b", Work(("a", long.MaxValue), ("b", long.MaxValue), ("c", long.MaxValue - 1)));
        Assert.Equal(230_584_300_921_369_395, split.PoolFee);
        Assert.Equal(89_927_877_359_334_064, split.FinderBonus);
        AssertPayouts(split, ("a", 2_967_619_952_858_024_116), ("b", 2_967_619_952_858_024_116 + 89_927_877_359_334_064), ("c", 2_967_619_952_858_024_116));

        var uneven = RewardSplit.Of(long.MaxValue, 0, 0, null, Work(("a", long.MaxValue), ("b", long.MaxValue / 3), ("c", 0)));
        AssertPayouts(uneven, ("a", 6_917_529_027_641_081_855), ("b", 2_305_843_009_213_693_952), ("c", 0));
    }

    [Fact]
    public void The_split_does_not_depend_on_the_order_of_the_miners()
    {
        var forward = RewardSplit.Of(1_000_003, 150, 500, "m3", Work(("m1", 3), ("m2", 5), ("m3", 7), ("m4", 11)));
        var backward = RewardSplit.Of(1_000_003, 150, 500, "m3", Work(("m4", 11), ("m3", 7), ("m2", 5), ("m1", 3)));
        Assert.Equal(forward, backward);
        Assert.Equal(forward.GetHashCode(), backward.GetHashCode());
        Assert.NotEqual(forward, RewardSplit.Of(1_000_003, 150, 500, "m2", Work(("m1", 3), ("m2", 5), ("m3", 7), ("m4", 11))));
        Assert.Contains("m3: ", forward.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_and_basis_points_out_of_range_are_refused()
    {
        Assert.Equal("reward", Assert.Throws<ArgumentOutOfRangeException>(() => RewardSplit.Of(-1, 0, 0, null, Work(("a", 1)))).ParamName);
        Assert.Equal("poolFeeBasisPoints", Assert.Throws<ArgumentOutOfRangeException>(() => RewardSplit.Of(1, -1, 0, null, Work(("a", 1)))).ParamName);
        Assert.Equal("poolFeeBasisPoints", Assert.Throws<ArgumentOutOfRangeException>(() => RewardSplit.Of(1, 10_001, 0, null, Work(("a", 1)))).ParamName);
        Assert.Equal("finderBonusBasisPoints", Assert.Throws<ArgumentOutOfRangeException>(() => RewardSplit.Of(1, 0, -1, null, Work(("a", 1)))).ParamName);
        Assert.Equal("finderBonusBasisPoints", Assert.Throws<ArgumentOutOfRangeException>(() => RewardSplit.Of(1, 0, 10_001, null, Work(("a", 1)))).ParamName);
    }

    [Fact]
    public void Malformed_miners_are_refused()
    {
        Assert.Equal("workUnits", Assert.Throws<ArgumentNullException>(() => RewardSplit.Of(1, 0, 0, null, null!)).ParamName);
        AssertRefused("workUnits", "blank", () => RewardSplit.Of(1, 0, 0, null, Work(("a", 1), (null!, 1))));
        AssertRefused("workUnits", "blank", () => RewardSplit.Of(1, 0, 0, null, Work(("a", 1), ("", 1))));
        AssertRefused("workUnits", "blank", () => RewardSplit.Of(1, 0, 0, null, Work((" ", 1))));
        AssertRefused("workUnits", "'a' appears more than once", () => RewardSplit.Of(1, 0, 0, null, Work(("a", 1), ("b", 1), ("a", 2))));
        AssertRefused("workUnits", "'b' has negative work units (-1)", () => RewardSplit.Of(1, 0, 0, null, Work(("a", 1), ("b", -1))));
    }

    [Fact]
    public void A_finder_who_is_not_a_miner_is_refused()
    {
        AssertRefused("finderId", "'z' is not one of the miners", () => RewardSplit.Of(1, 0, 0, "z", Work(("a", 1))));
        AssertRefused("finderId", "'A' is not one of the miners", () => RewardSplit.Of(1, 0, 0, "A", Work(("a", 1))));
        AssertRefused("finderId", "'' is not one of the miners", () => RewardSplit.Of(1, 0, 0, "", Work(("a", 1))));
        AssertRefused("finderId", "not one of the miners", () => RewardSplit.Of(1, 0, 0, "a", []));
    }

    private static void AssertRefused(string parameter, string message, Action split)
    {
        var error = Assert.Throws<ArgumentException>(split);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
