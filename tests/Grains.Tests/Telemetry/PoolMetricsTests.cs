using Microsoft.Extensions.DependencyInjection;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Telemetry;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Tests.Telemetry;

/// <summary>The pool's metrics and recent refusals as a silo records them for accepted, retried and refused reports.</summary>
[Collection(SharedTelemetryCluster.Name)]
public sealed class PoolMetricsTests(TelemetryCluster pool)
{
    private static readonly string[] BoundedTags = ["kind", "reason", "subspace", "status"];

    private readonly PoolScenario scenario = new(pool);

    private IServiceProvider Silo => pool.Cluster.Silos[0].ServiceProvider;

    [Fact]
    public async Task An_accepted_and_a_refused_report_are_counted_once_each_with_bounded_tags()
    {
        using var recorded = new RecordedMeasurements(Silo.GetRequiredService<PoolMetrics>().Meter);
        var block = await scenario.OpenNext();
        var miner = await scenario.Miner();
        await miner.Grain.Heartbeat(miner.Secret, 1);
        var item = await miner.Pull();
        var honest = await PoolScenario.Episode(item, 0.625, withModel: true);
        Assert.False((await miner.Report(honest)).Repeated);
        Assert.True((await miner.Report(honest)).Repeated); // a retry: acknowledged again, counted nowhere

        // refused by the subspace (counted there) and by the miner grain before any subspace sees it
        var next = await PoolScenario.Episode(await miner.Pull(), 0.5, seed: 2);
        Assert.Equal(ReportRefusal.RewardOutOfRange, (await Assert.ThrowsAsync<EpisodeRefusedException>(() => miner.Report(next with { Reward = 1.5 }))).Reason);
        Assert.Equal(ReportRefusal.UnknownBlock, (await Assert.ThrowsAsync<EpisodeRefusedException>(() => miner.Report(next with { Height = 1_000_000_000 }))).Reason);

        Assert.Equal(1, recorded.Sum("ponas.episodes.accepted", ("kind", "explore")));
        Assert.Equal(0, recorded.Sum("ponas.episodes.accepted", ("kind", "exploit")));
        var reward = Assert.Single(recorded.Read(), m => m.Instrument == "ponas.subspace.reward");
        Assert.Equal((0.625, "S1"), (reward.Value, reward.Tags["subspace"]));
        Assert.Equal(1, recorded.Sum("ponas.episodes.refused", ("reason", nameof(ReportRefusal.RewardOutOfRange))));
        Assert.Equal(1, recorded.Sum("ponas.episodes.refused", ("reason", nameof(ReportRefusal.UnknownBlock))));
        Assert.Equal(2, recorded.Read().Where(m => m.Instrument == "ponas.episodes.refused").Sum(m => m.Value));
        Assert.Equal(0.625, recorded.Latest("ponas.subspace.best_reward", ("subspace", "S1")));
        Assert.True(recorded.Latest("ponas.miners", ("status", "active")) >= 1);

        // the stored counts agree: two refusals of the miner, one of them in the subspace's
        Assert.Equal(2, (await pool.Operator.GetGrain<IMinerGrain>(miner.Id).Describe()).RefusedCalls);
        Assert.All(recorded.Read(), m =>
        {
            Assert.Subset(BoundedTags.ToHashSet(), m.Tags.Keys.ToHashSet());
            Assert.DoesNotContain(miner.Id, m.Tags.Values);
        });
        Assert.Equal(block.Task.Height, item.Height);
    }

    [Fact]
    public async Task Refused_calls_and_reports_are_in_the_recent_refusals_newest_first()
    {
        var refusals = Silo.GetRequiredService<RecentRefusals>();
        await scenario.OpenNext();
        var miner = await scenario.Miner();
        var item = await miner.Pull();
        var honest = await PoolScenario.Episode(item, 0.5);

        await Assert.ThrowsAsync<MinerRefusedException>(() => miner.Grain.Heartbeat("not the credential", 1));
        await Assert.ThrowsAsync<EpisodeRefusedException>(() => miner.Report(honest with { Subspace = "S99" }));
        await Assert.ThrowsAsync<EpisodeRefusedException>(() => miner.Report(honest with { Reward = double.NaN }));
        Assert.False((await miner.Report(honest)).Repeated);

        var newest = refusals.Newest(3);
        Assert.Equal(
            [nameof(ReportRefusal.RewardOutOfRange), nameof(ReportRefusal.UnknownSubspace), RecentRefusals.WrongCredential],
            newest.Select(r => r.Reason));
        Assert.All(newest, r => Assert.Equal(miner.Id, r.MinerId));
        Assert.Contains("has no subspace 'S99'", newest[1].Detail, StringComparison.Ordinal);
        Assert.Contains("the credential is not this miner's", newest[2].Detail, StringComparison.Ordinal);
        Assert.True(newest[0].At >= newest[1].At && newest[1].At >= newest[2].At);
    }
}
