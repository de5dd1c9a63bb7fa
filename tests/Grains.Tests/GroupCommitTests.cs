using Microsoft.Extensions.DependencyInjection;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Grains.Telemetry;
using PoNasOrleans.Grains.Tests.Telemetry;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Tests;

/// <summary>
/// Reports into one subspace at the same time are written in groups (one log transaction for the reports that arrived
/// while the previous one was under way), each once, in one unbroken sequence of indexes.
/// </summary>
[Collection(SharedPoolCluster.Name)]
public sealed class GroupCommitTests(PoolCluster pool)
{
    private const int Exploiters = 40;

    private readonly PoolScenario scenario = new(pool);

    [Fact]
    public async Task Concurrent_exploitation_reports_are_committed_in_groups_each_once_with_unbroken_indexes()
    {
        var (subspace, reports) = await ExploitersReady();
        using var recorded = new RecordedMeasurements(pool.Cluster.Silos[0].ServiceProvider.GetRequiredService<PoolMetrics>().Meter);

        var receipts = await Task.WhenAll(reports.Select(r => r.Miner.Report(r.Report)));

        Assert.All(receipts, r => Assert.False(r.Repeated));
        var log = await subspace.Episodes(0, 1000);
        Assert.Equal(Enumerable.Range(1, Exploiters + 1).Select(i => (long)i), log.Select(e => e.Index));
        Assert.Equal(reports.Select(r => r.Miner.Id).Order(), log.Skip(1).Select(e => e.MinerId).Order());
        Assert.Equal(Exploiters + 1, (await subspace.Describe())!.Episodes);

        var transactions = recorded.Read().Where(m => m.Instrument == "ponas.episodes.commit_size").ToList();
        Assert.Equal(Exploiters, transactions.Sum(m => m.Value));
        Assert.InRange(transactions.Count, 1, Exploiters - 1);
    }

    [Fact]
    public async Task A_group_meeting_an_episode_stored_before_goes_one_by_one_and_stores_nothing_twice()
    {
        var (subspace, reports) = await ExploitersReady();

        // as if the first exploiter's report had been stored by an attempt that failed before it was acknowledged:
        // its rows exist, and its index is the one the next group would start at
        var first = reports[0];
        var stored = new EpisodeEntry(2, first.Miner.Id, first.Report, 1, DateTimeOffset.UtcNow);
        Assert.Equal(AppendOutcome.Stored, (await new EpisodeTable(pool.Tables).Append(first.Report.Height, first.Report.Subspace, stored)).Outcome);

        var receipts = await Task.WhenAll(reports.Select(r => r.Miner.Report(r.Report)));

        Assert.True(receipts[0].Repeated);
        Assert.Equal(1, receipts[0].WorkUnits);
        Assert.All(receipts.Skip(1), r => Assert.False(r.Repeated));
        var log = await subspace.Episodes(0, 1000);
        Assert.Equal(Enumerable.Range(1, Exploiters + 1).Select(i => (long)i), log.Select(e => e.Index));
        Assert.Equal(first.Miner.Id, log[1].MinerId);
        Assert.Equal(reports.Select(r => r.Miner.Id).Order(), log.Skip(1).Select(e => e.MinerId).Order());
        foreach (var (miner, _) in reports)
        {
            Assert.Equal(1, (await pool.Operator.GetGrain<IMinerGrain>(miner.Id).Describe()).Episodes);
        }
    }

    [Fact]
    public async Task Duplicates_in_groups_are_refused_alone_and_the_others_of_their_groups_are_acknowledged()
    {
        var (subspace, reports) = await ExploitersReady();

        // every eighth exploiter's episode 1 is stored already with other content: its report is a duplicate
        var table = new EpisodeTable(pool.Tables);
        var cheats = reports.Where((_, i) => i % 8 == 0).ToList();
        var stored = new List<EpisodeSubmission>();
        foreach (var (miner, report) in cheats)
        {
            var other = report with { Reward = report.Reward + 0.05 };
            var entry = new EpisodeEntry(2 + stored.Count, miner.Id, other, 1, DateTimeOffset.UtcNow);
            Assert.Equal(AppendOutcome.Stored, (await table.Append(report.Height, report.Subspace, entry)).Outcome);
            stored.Add(other);
        }

        // sent in order, the duplicates wait in groups with others before and after them
        var calls = reports.Select(r => (r.Miner, Call: r.Miner.Report(r.Report))).ToList();

        foreach (var (miner, call) in calls)
        {
            if (cheats.Any(c => c.Miner == miner))
            {
                var refused = await Assert.ThrowsAsync<EpisodeRefusedException>(() => call);
                Assert.Equal(ReportRefusal.DuplicateEpisode, refused.Reason);
                Assert.Contains($"miner '{miner.Id}'", refused.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.False((await call).Repeated);
            }
        }

        var log = await subspace.Episodes(0, 1000);
        Assert.Equal(Enumerable.Range(1, Exploiters + 1).Select(i => (long)i), log.Select(e => e.Index));
        Assert.Equal(stored, cheats.Select(c => Assert.Single(log, e => e.MinerId == c.Miner.Id).Report));
    }

    /// <summary>A block whose S1 has one confirmed architecture, and an exploitation report of it ready for each of 40 weak miners.</summary>
    private async Task<(ISubspaceGrain Subspace, List<(TestMiner Miner, EpisodeSubmission Report)> Reports)> ExploitersReady()
    {
        var block = await scenario.OpenNext();
        var strong = await scenario.Miner();
        await strong.Report(await PoolScenario.Episode(await strong.Pull(), 0.9, withModel: true));
        var reports = new List<(TestMiner, EpisodeSubmission)>();
        for (var i = 0; i < Exploiters; i++)
        {
            var weak = await scenario.Miner(strong: false);
            var item = await weak.Pull();
            Assert.Equal((WorkKind.Exploit, "S1"), (item.Kind, item.Subspace));
            reports.Add((weak, await PoolScenario.Episode(item, 0.1, seed: (ulong)i, seconds: 1e4)));
        }

        return (pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1"), reports);
    }
}
