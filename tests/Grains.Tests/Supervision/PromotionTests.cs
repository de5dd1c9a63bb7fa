using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Supervision;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Tests.Supervision;

public sealed class PromotionTests(FastHeartbeatCluster pool) : IClassFixture<FastHeartbeatCluster>
{
    private readonly PoolScenario scenario = new(pool);

    [Fact]
    public async Task A_gone_explorers_subspace_goes_to_the_next_strong_miner_from_its_checkpoint_and_its_late_reports_are_refused()
    {
        var block = await scenario.OpenNext();
        var supervisor = pool.Operator.GetGrain<ISupervisorGrain>($"{ISupervisorGrain.Key}-{Guid.NewGuid():N}");
        var gone = await scenario.Miner();
        await gone.Grain.Heartbeat(gone.Secret, 1);
        var first = await gone.Pull();
        Assert.Equal((WorkKind.Explore, "S1"), (first.Kind, first.Subspace));
        var report = await PoolScenario.Episode(first, 0.6);
        var stored = await gone.Report(report);
        var late = await PoolScenario.Episode(await gone.Pull(), 0.7, seed: 2);

        // no heartbeat for three intervals: gone; the next tick releases S1
        await Task.Delay(FastHeartbeatCluster.HeartbeatInterval * 4);
        Assert.Equal(MinerStatus.Gone, (await pool.Operator.GetGrain<IMinerGrain>(gone.Id).Describe()).Status);
        var summary = await supervisor.Advance();
        var promotion = Assert.Single(summary.Promotions);
        Assert.Equal((block.Task.Height, "S1", gone.Id), (promotion.Height, promotion.Subspace, promotion.MinerId));

        // the backup continues S1 from the gone miner's checkpoint; the gone miner's late report is refused
        var backup = await scenario.Miner();
        var next = await backup.Pull();
        Assert.Equal((WorkKind.Explore, "S1", 1L), (next.Kind, next.Subspace, next.ControllerEpisodes));
        Assert.Equal(report.Checkpoint, next.Checkpoint);
        Assert.NotNull(next.CheckpointDownload);
        var refused = await Assert.ThrowsAsync<EpisodeRefusedException>(() => gone.Report(late));
        Assert.Equal(ReportRefusal.NotAssigned, refused.Reason);
        Assert.Equal(stored.WorkUnits, (await pool.Operator.GetGrain<IMinerGrain>(gone.Id).Describe()).WorkUnits);

        // the next tick promotes nothing more
        Assert.Single((await supervisor.Advance()).Promotions);
    }
}
