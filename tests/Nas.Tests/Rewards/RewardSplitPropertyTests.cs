using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoNasOrleans.Nas.Rewards;

namespace PoNasOrleans.Nas.Tests.Rewards;

public class RewardSplitPropertyTests
{
    [Property(MaxTest = 500, Arbitrary = [typeof(SplitCases)])]
    public void Pays_exactly_the_reward_and_each_miner_within_one_unit_of_its_share(SplitCase c)
    {
        var split = c.Split();

        // fee and bonus by the documented formulas, in arbitrary precision
        var fee = (BigInteger)c.Reward * c.FeeBasisPoints / 10_000;
        var afterFee = c.Reward - fee;
        var bonus = c.FinderId is null ? BigInteger.Zero : afterFee * c.BonusBasisPoints / 10_000;
        var pot = afterFee - bonus;
        var total = c.Miners.Aggregate(BigInteger.Zero, (sum, m) => sum + m.Value);
        Assert.Equal(bonus, split.FinderBonus);
        Assert.Equal(total == 0 && c.FinderId is null ? c.Reward : fee, split.PoolFee);

        Assert.Equal(c.Reward, split.PoolFee + split.Payouts.Values.Aggregate(BigInteger.Zero, (sum, p) => sum + p));
        Assert.Equal(c.Miners.Select(m => m.Key).Order(StringComparer.Ordinal), split.Payouts.Keys);
        foreach (var (id, units) in c.Miners)
        {
            var paid = (BigInteger)split.Payouts[id];
            Assert.True(paid >= 0);
            var extra = id == c.FinderId ? (total == 0 ? afterFee : bonus) : BigInteger.Zero;
            var proportional = paid - extra;
            if (total == 0)
            {
                Assert.Equal(0, proportional);
            }
            else
            {
                // |proportional − pot × units / total| < 1, and never below the floor
                var scaled = proportional * total - pot * units;
                Assert.True(scaled > -total && scaled < total, $"{id}: paid {proportional} for {units} of {total} units of {pot}");
                Assert.True(proportional == pot * units / total || proportional == pot * units / total + 1);
            }
        }
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(SplitCases)])]
    public void The_units_left_over_go_to_the_largest_remainders_then_the_smallest_ids(SplitCase c)
    {
        var split = c.Split();
        var total = c.Miners.Aggregate(BigInteger.Zero, (sum, m) => sum + m.Value);
        if (total == 0)
        {
            return;
        }

        var pot = (BigInteger)(split.Reward - split.PoolFee - split.FinderBonus);
        var rounded = c.Miners.Select(m =>
        {
            var paid = split.Payouts[m.Key] - (m.Key == c.FinderId ? split.FinderBonus : 0);
            var up = paid != pot * m.Value / total;
            return (Id: m.Key, Remainder: pot * m.Value % total, Up: up);
        }).ToList();
        foreach (var winner in rounded.Where(r => r.Up))
        {
            Assert.True(winner.Remainder > 0);
            foreach (var loser in rounded.Where(r => !r.Up))
            {
                Assert.True(
                    winner.Remainder > loser.Remainder || (winner.Remainder == loser.Remainder && string.CompareOrdinal(winner.Id, loser.Id) < 0),
                    $"{winner.Id} (remainder {winner.Remainder}) got a unit before {loser.Id} (remainder {loser.Remainder})");
            }
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(SplitCases)])]
    public void Does_not_depend_on_the_order_of_the_miners(SplitCase c)
    {
        var split = c.Split();
        var shuffled = RewardSplit.Of(c.Reward, c.FeeBasisPoints, c.BonusBasisPoints, c.FinderId, c.Shuffled);
        Assert.Equal(split, shuffled);
        Assert.Equal(split.Payouts, shuffled.Payouts);
    }
}

/// <summary>A generated split: the miners in one order and the same miners in another.</summary>
public sealed record SplitCase(long Reward, int FeeBasisPoints, int BonusBasisPoints, string? FinderId, KeyValuePair<string, long>[] Miners, KeyValuePair<string, long>[] Shuffled)
{
    public RewardSplit Split() => RewardSplit.Of(Reward, FeeBasisPoints, BonusBasisPoints, FinderId, Miners);

    public override string ToString() =>
        $"reward {Reward}, fee {FeeBasisPoints} bps, bonus {BonusBasisPoints} bps, finder {FinderId ?? "none"}, miners [{string.Join(", ", Miners.Select(m => $"{m.Key}: {m.Value}"))}]";
}

public static class SplitCases
{
    // distinct ids whose ordinal and culture orders differ
    private static readonly string[] Ids = ["a", "b", "A", "B", "m1", "m2", "m10", "Z", "z", "ab", "ä", "miner-7"];

    private static readonly Gen<long> Small = Gen.Choose(0, 1_000).Select(i => (long)i);

    private static readonly Gen<long> Huge =
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        select ((long)high << 32) | (uint)low;

    private static readonly Gen<long> Amount = Gen.Frequency(
        (3, Small),
        (2, Gen.Choose(0, int.MaxValue).Select(i => (long)i)),
        (2, Huge),
        (1, Gen.Elements(1_000_003L, 999_983L, 7L, 1L, 0L)),
        (1, Gen.Choose(0, 1_000).Select(i => long.MaxValue - i)));

    private static readonly Gen<int> BasisPoints = Gen.Frequency(
        (1, Gen.Constant(0)),
        (1, Gen.Constant(10_000)),
        (4, Gen.Choose(0, 10_000)),
        (2, Gen.Choose(0, 500)));

    private static readonly Gen<long> Units = Gen.Frequency(
        (2, Gen.Constant(0L)),
        (3, Small),
        (2, Gen.Choose(0, int.MaxValue).Select(i => (long)i)),
        (2, Huge),
        (1, Gen.Choose(0, 1_000).Select(i => long.MaxValue - i)));

    // some cases with no work at all, some with a few small (often equal) amounts so that remainders tie
    public static Arbitrary<SplitCase> SplitCase() => Arb.From(
        from reward in Amount
        from fee in BasisPoints
        from bonus in BasisPoints
        from count in Gen.Frequency((1, Gen.Choose(0, 2)), (3, Gen.Choose(1, Ids.Length)))
        from order in Gen.Shuffle(Ids)
        let ids = order.Take(count).ToArray()
        from units in Gen.Frequency(
            (1, Gen.Constant(new long[ids.Length])),
            (2, Gen.ArrayOf(Gen.Elements(0L, 1L, 2L, 3L), ids.Length)),
            (5, Gen.ArrayOf(Units, ids.Length)))
        from finder in ids.Length == 0 ? Gen.Constant<string?>(null) : Gen.OneOf(Gen.Constant<string?>(null), Gen.Elements(ids).Select(id => (string?)id))
        let miners = ids.Select((id, i) => KeyValuePair.Create(id, units[i])).ToArray()
        from shuffled in Gen.Shuffle(miners)
        select new SplitCase(reward, fee, bonus, finder, miners, shuffled));
}
