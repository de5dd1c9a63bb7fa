using System.Security.Cryptography;
using Azure.Storage.Blobs;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Supervision;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Tests.Supervision;

/// <summary>Warm standbys: prepared when the high group's deviation rises or a high-reward explorer runs late, promoted when the explorer leaves or is gone.</summary>
public sealed class BackupTests(FastHeartbeatCluster pool) : IClassFixture<FastHeartbeatCluster>
{
    private readonly PoolScenario scenario = new(pool);

    [Fact]
    public async Task A_rising_deviation_prepares_a_low_reward_explorer_as_backup_which_takes_over_at_once_when_the_explorer_leaves()
    {
        var block = await scenario.OpenNext(episodes: 10);
        var supervisor = Supervisor();
        var (high, low, second) = (await scenario.Miner(), await scenario.Miner(), await scenario.Miner());
        var highItem = await high.Pull();
        var lowItem = await low.Pull();
        var secondItem = await second.Pull();
        Assert.Equal(("S1", "S2", "S3"), (highItem.Subspace, lowItem.Subspace, secondItem.Subspace));
        await high.Report(await PoolScenario.Episode(highItem, 0.80));
        await low.Report(await PoolScenario.Episode(lowItem, 0.30));
        await second.Report(await PoolScenario.Episode(secondItem, 0.79));

        // the first point of the block: high group 0.80 and 0.79 (deviation 0.005), nothing to compare with
        await Heartbeats(high, low, second);
        var first = await supervisor.Advance();
        Assert.Equal(0.005, first.Deviation, 9);
        Assert.Empty(first.Backups);

        // S1 improves to 0.90: the deviation rises to 0.055; the low-reward explorer stands by for the best subspace
        var improved = await PoolScenario.Episode(await high.Pull(), 0.90, seed: 2);
        await high.Report(improved);
        await Heartbeats(high, low, second);
        var rose = await supervisor.Advance();
        Assert.Equal(0.055, rose.Deviation, 9);
        var backup = Assert.Single(rose.Backups);
        Assert.Equal((block.Task.Height, "S1", high.Id, low.Id, BackupReason.DeviationRose), (backup.Height, backup.Subspace, backup.Explorer, backup.Backup, backup.Reason));
        Assert.Equal(low.Id, (await Block(block).Describe())!.Subspaces.Single(s => s.Name == "S1").Backup);
        Assert.Single((await supervisor.Advance()).Backups); // a repeated tick prepares nothing more

        // its heartbeats carry S1's latest checkpoint, fetchable and matching its hash
        var notice = (await Heartbeat(low)).Standby;
        Assert.NotNull(notice);
        Assert.Equal((block.Task.Height, "S1", improved.Checkpoint), (notice.Height, notice.Subspace, notice.Checkpoint));
        var fetched = (await new BlobClient(notice.CheckpointDownload).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(improved.Checkpoint!.Sha256, Convert.ToHexStringLower(SHA256.HashData(fetched)));

        // the explorer of S1 leaves (an eviction notice): S1 moves to the backup at once, mid-episode on S2
        var inFlight = await PoolScenario.Episode(await low.Pull(), 0.31, seed: 3);
        var late = await PoolScenario.Episode(await high.Pull(), 0.95, seed: 4);
        await high.Grain.Leave(high.Secret);
        var s1 = (await Block(block).Describe())!.Subspaces.Single(s => s.Name == "S1");
        Assert.Equal((low.Id, (string?)null), (s1.Explorer, s1.Backup));
        var promotion = await Eventually(pool.Operator.GetGrain<ISupervisorGrain>(ISupervisorGrain.Key), s => s.Promotions.FirstOrDefault(p => p.Height == block.Task.Height));
        Assert.Equal(("S1", high.Id, low.Id), (promotion.Subspace, promotion.MinerId, promotion.Backup));

        // the backup's running episode still counts; its next pull continues S1 from the departed miner's checkpoint
        Assert.False((await low.Report(inFlight)).Repeated);
        var next = await low.Pull();
        Assert.Equal((WorkKind.Explore, "S1", 2L, improved.Checkpoint), (next.Kind, next.Subspace, next.ControllerEpisodes, next.Checkpoint));
        Assert.Null((await Heartbeat(low)).Standby);
        var refused = await Assert.ThrowsAsync<EpisodeRefusedException>(() => high.Report(late));
        Assert.Equal(ReportRefusal.NotAssigned, refused.Reason);
        Assert.False((await low.Report(await PoolScenario.Episode(next, 0.91, seed: 5))).Repeated);
    }

    [Fact]
    public async Task A_late_high_reward_explorer_gets_a_backup_which_is_promoted_when_it_is_gone()
    {
        var block = await scenario.OpenNext(episodes: 10);
        var supervisor = Supervisor();
        var (high, low) = (await scenario.Miner(), await scenario.Miner());
        var highItem = await high.Pull();
        var lowItem = await low.Pull();
        var stored = await PoolScenario.Episode(highItem, 0.8);
        await high.Report(stored);
        await low.Report(await PoolScenario.Episode(lowItem, 0.3));
        await Heartbeats(high, low);
        Assert.Empty((await supervisor.Advance()).Backups);

        // the high-reward explorer stops heartbeating; the low one goes on
        using var beating = new CancellationTokenSource();
        var heartbeats = Beat(low, beating.Token);
        await Until(high, MinerStatus.Late);
        var prepared = await supervisor.Advance();
        var backup = Assert.Single(prepared.Backups);
        Assert.Equal(("S1", high.Id, low.Id, BackupReason.HeartbeatsLate), (backup.Subspace, backup.Explorer, backup.Backup, backup.Reason));

        await Until(high, MinerStatus.Gone);
        var promoted = await supervisor.Advance();
        var promotion = Assert.Single(promoted.Promotions, p => p.Height == block.Task.Height);
        Assert.Equal(("S1", high.Id, low.Id), (promotion.Subspace, promotion.MinerId, promotion.Backup));
        var next = await low.Pull();
        Assert.Equal(("S1", 1L, stored.Checkpoint), (next.Subspace, next.ControllerEpisodes, next.Checkpoint));
        await beating.CancelAsync();
        await heartbeats;
    }

    private ISupervisorGrain Supervisor() => pool.Operator.GetGrain<ISupervisorGrain>($"{ISupervisorGrain.Key}-{Guid.NewGuid():N}");

    private IBlockGrain Block(BlockSummary block) => pool.Operator.GetGrain<IBlockGrain>(block.Task.Height);

    private static async Task Heartbeats(params TestMiner[] miners)
    {
        foreach (var miner in miners)
        {
            await Heartbeat(miner);
        }
    }

    private static Task<HeartbeatReceipt> Heartbeat(TestMiner miner) => miner.Grain.Heartbeat(miner.Secret, DateTimeOffset.UtcNow.Ticks);

    private static async Task Beat(TestMiner miner, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            await Heartbeats(miner);
            await Task.Delay(FastHeartbeatCluster.HeartbeatInterval / 5, CancellationToken.None);
        }
    }

    private async Task Until(TestMiner miner, MinerStatus status)
    {
        var deadline = DateTimeOffset.UtcNow + FastHeartbeatCluster.HeartbeatInterval * 20;
        while ((await pool.Operator.GetGrain<IMinerGrain>(miner.Id).Describe()).Status != status)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"miner {miner.Id} did not become {status}");
            await Task.Delay(20);
        }
    }

    private static async Task<T> Eventually<T>(ISupervisorGrain supervisor, Func<SupervisorSummary, T?> read)
        where T : class
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (read(await supervisor.Describe()) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the supervisor did not record it within 5 s");
    }
}
