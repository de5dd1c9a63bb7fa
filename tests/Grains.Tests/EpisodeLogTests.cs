using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.Grains.Tests;

/// <summary>The episode table is the log and a subspace's state a snapshot of it; the miner grain counts each episode once.</summary>
[Collection(SharedPoolCluster.Name)]
public sealed class EpisodeLogTests(PoolCluster pool)
{
    private readonly PoolScenario scenario = new(pool);

    [Fact]
    public async Task Episodes_counted_after_the_last_snapshots_are_rolled_forward_from_the_log_on_activation()
    {
        var block = await scenario.OpenNext();
        var strong = await scenario.Miner();
        var weak = await scenario.Miner(strong: false);
        await strong.Report(await PoolScenario.Episode(await strong.Pull(), 0.9, withModel: true));

        // exploitations below the best change only the episode count: neither the subspace nor the miner grain
        // stores a snapshot for them (slow ones, so that the weak miner's measured speed keeps it weak)
        long workUnits = 0;
        for (var i = 0; i < 5; i++)
        {
            var item = await weak.Pull();
            Assert.Equal(WorkKind.Exploit, item.Kind);
            workUnits += (await weak.Report(await PoolScenario.Episode(item, 0.1, seed: (ulong)i, seconds: 1e4))).WorkUnits;
        }

        await pool.Operator.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var miner = await pool.Operator.GetGrain<IMinerGrain>(weak.Id).Describe();
        Assert.Equal((5L, workUnits), (miner.Episodes, miner.WorkUnits));

        var subspace = pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1");
        var summary = await subspace.Describe();
        Assert.Equal((6L, 1L, 0.9), (summary!.Episodes, summary.Explorations, summary.Best!.Reward));
        Assert.Equal([1L, 2, 3, 4, 5, 6], (await subspace.Episodes(0, 10)).Select(e => e.Index));

        // the next report gets the next index: nothing is overwritten or skipped
        await weak.Report(await PoolScenario.Episode(await weak.Pull(), 0.1, seed: 99, seconds: 1e4));
        Assert.Equal(7, (await subspace.Describe())!.Episodes);
        Assert.Equal(6, (await pool.Operator.GetGrain<IMinerGrain>(weak.Id).Describe()).Episodes);
    }

    [Fact]
    public async Task An_episode_stored_before_its_miner_grain_counted_it_is_credited_once_when_retried()
    {
        var block = await scenario.OpenNext();
        var miner = await scenario.Miner();
        var item = await miner.Pull();
        var report = await PoolScenario.Episode(item, 0.5);

        // as if the miner grain had failed after the subspace stored the episode, before it counted it
        var subspace = pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1");
        var stored = await subspace.Report(miner.Id, 1, report);
        Assert.Equal(0, (await pool.Operator.GetGrain<IMinerGrain>(miner.Id).Describe()).WorkUnits);

        var retry = await miner.Report(report);
        var again = await miner.Report(report);
        Assert.True(retry.Repeated);
        Assert.Equal(stored.Receipt.WorkUnits, retry.WorkUnits);
        var described = await pool.Operator.GetGrain<IMinerGrain>(miner.Id).Describe();
        Assert.Equal((1L, stored.Receipt.WorkUnits), (described.Episodes, described.WorkUnits));
        Assert.Equal(again, retry);
        Assert.Single(await subspace.Episodes(0, 10));
    }
}
