using PoNasOrleans.Grains.Interfaces.Supervision;

namespace PoNasOrleans.Grains.Tests.Supervision;

[Collection(SharedPoolCluster.Name)]
public sealed class SupervisorTests(PoolCluster pool)
{
    private readonly PoolScenario scenario = new(pool);

    [Fact]
    public async Task A_tick_groups_the_explorers_by_best_reward_and_records_the_high_groups_deviation_once_per_change()
    {
        var block = await scenario.OpenNext();
        var supervisor = pool.Operator.GetGrain<ISupervisorGrain>($"{ISupervisorGrain.Key}-{Guid.NewGuid():N}");
        var miners = new List<TestMiner>();
        foreach (var reward in new[] { 0.8, 0.79, 0.3 })
        {
            var miner = await scenario.Miner();
            await miner.Report(await PoolScenario.Episode(await miner.Pull(), reward));
            miners.Add(miner);
        }

        var first = await supervisor.Advance();
        Assert.Equal(block.Task.Height, first.Height);
        Assert.Equal([(miners[0].Id, "S1", 0.8), (miners[1].Id, "S2", 0.79)], first.High.Select(b => (b.MinerId, b.Subspace, b.Reward)));
        Assert.Equal([(miners[2].Id, "S3", 0.3)], first.Low.Select(b => (b.MinerId, b.Subspace, b.Reward)));
        Assert.Equal(0.005, first.Deviation, 12);
        var point = Assert.Single(first.Series);
        Assert.Equal((block.Task.Height, 3L, 2, 1), (point.Height, point.Episodes, point.High, point.Low));

        // a repeated tick records nothing; a new episode makes a new point
        Assert.Single((await supervisor.Advance()).Series);
        await miners[2].Report(await PoolScenario.Episode(await miners[2].Pull(), 0.81, seed: 2));
        var second = await supervisor.Advance();
        Assert.Equal(2, second.Series.Length);
        Assert.Equal((4L, 2, 1), (second.Series[^1].Episodes, second.Series[^1].High, second.Series[^1].Low));
        Assert.Equal([miners[2].Id, miners[0].Id], second.High.Select(b => b.MinerId));
        Assert.Equal<DeviationPoint>(second.Series, (await supervisor.Describe()).Series);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => supervisor.Start(TimeSpan.FromMinutes(2)));
    }
}
