using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Nas.Rewards;

namespace PoNasOrleans.Grains.Tests.Storage;

/// <summary>The ledger table on a real Azurite: exact sums, credited once, never changed.</summary>
[Collection(SharedPoolCluster.Name)]
public sealed class RewardLedgerTests(PoolCluster pool)
{
    [Fact]
    public async Task A_block_with_seven_miners_a_prime_reward_and_zero_work_miners_is_credited_exactly_and_only_once()
    {
        var ledger = new RewardLedger(pool.Tables);
        var height = PoolCluster.NextHeight();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var workUnits = new Dictionary<string, long>
        {
            [$"a-{tag}"] = 3, [$"b-{tag}"] = 5, [$"c-{tag}"] = 7, [$"d-{tag}"] = 11, [$"e-{tag}"] = 0, [$"f-{tag}"] = 13, [$"g-{tag}"] = 0,
        };
        var split = RewardSplit.Of(1_000_003, 250, 1_000, $"c-{tag}", workUnits);
        var at = DateTimeOffset.UtcNow;

        await ledger.Credit(height, split, workUnits, at);
        await ledger.Credit(height, split, workUnits, at); // a retry: finds its rows, writes nothing

        var credits = new Dictionary<string, long>();
        foreach (var miner in workUnits.Keys)
        {
            var credit = Assert.Single(await ledger.Credits(miner), c => c.Height == height);
            credits[miner] = credit.Amount;
            Assert.Equal((workUnits[miner], miner == $"c-{tag}"), (credit.WorkUnits, credit.Finder));
        }

        Assert.Equal(split.Payouts, credits.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(1_000_003, credits.Values.Sum() + split.PoolFee);
        Assert.Equal(0, credits[$"e-{tag}"] + credits[$"g-{tag}"]);
        var block = Assert.Single(await ledger.CreditedBlocks(1000), b => b.Height == height);
        Assert.Equal((1_000_003L, split.PoolFee, split.FinderBonus, $"c-{tag}", 7, 39L), (block.Reward, block.PoolFee, block.FinderBonus, block.Finder, block.Miners, block.WorkUnits));

        // a different split of the same block is refused and changes nothing
        var other = RewardSplit.Of(1_000_003, 0, 0, null, workUnits);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.Credit(height, other, workUnits, at));
        Assert.Contains("a block is never credited twice or differently", error.Message, StringComparison.Ordinal);
        Assert.Equal(credits[$"a-{tag}"], Assert.Single(await ledger.Credits($"a-{tag}"), c => c.Height == height).Amount);
    }
}
