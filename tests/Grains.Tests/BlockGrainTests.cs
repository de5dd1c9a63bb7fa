using PoNasOrleans.Grains.Blocks;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Tests;

[Collection(SharedPoolCluster.Name)]
public sealed class BlockGrainTests(PoolCluster pool)
{
    private readonly PoolScenario scenario = new(pool);

    [Fact]
    public async Task A_block_opens_with_the_paper_subspaces_and_acknowledges_the_same_task_again()
    {
        var task = PoolScenario.Task(PoolCluster.NextHeight());
        var block = await scenario.Open(task);
        Assert.Equal(BlockPhase.Training, block.Phase);
        Assert.Equal(PresetCatalog.Paper.SubspaceNames, block.Subspaces.Select(s => s.Name));
        Assert.All(block.Subspaces, s => Assert.Equal(PresetCatalog.Paper[s.Name], SpaceJson.Parse(s.Space)));
        var again = await scenario.Open(task);
        Assert.Equal((block.Task, block.OpenedAt), (again.Task, again.OpenedAt));
        Assert.Equal<SubspacePlacement>(block.Subspaces, again.Subspaces);
        var other = await Assert.ThrowsAsync<ArgumentException>(() => pool.Operator.GetGrain<IBlockGrain>(task.Height).Open(task with { Epochs = 9 }));
        Assert.Contains($"block {task.Height} is open with another task", other.Message, StringComparison.Ordinal);
        Assert.Equal(task.Height, await pool.Operator.GetGrain<IPoolGrain>(IPoolGrain.Key).CurrentHeight());
    }

    [Fact]
    public async Task A_partition_is_reproducible_from_the_seed()
    {
        var first = await scenario.Open(PoolScenario.Task(PoolCluster.NextHeight(), partitioner: "balanced", seed: 11) with { Subspaces = 5 });
        var second = await scenario.Open(PoolScenario.Task(PoolCluster.NextHeight(), partitioner: "balanced", seed: 11) with { Subspaces = 5 });
        Assert.Equal(5, first.Subspaces.Length);
        Assert.Equal(first.Subspaces.Select(s => s.Space), second.Subspaces.Select(s => s.Space));
    }

    [Theory]
    [InlineData("layers", "layers must lie in 1–32, got 0")]
    [InlineData("model", "unknown FPGA model 'abacus'")]
    [InlineData("partitioner", "unknown partitioner 'random'")]
    [InlineData("space", "the space is not valid space JSON")]
    [InlineData("phase", "the training phase must be positive")]
    [InlineData("assignment", "unknown assignment 'greedy'; known: explore-exploit, explore-only")]
    public async Task A_bad_task_is_refused_naming_what_is_wrong_and_opens_nothing(string field, string expected)
    {
        var task = PoolScenario.Task(PoolCluster.NextHeight());
        task = field switch
        {
            "layers" => task with { Layers = 0 },
            "model" => task with { FpgaModel = "abacus" },
            "partitioner" => task with { Partitioner = "random" },
            "space" => task with { Space = "{\"filter_height\": [1, 2" },
            "assignment" => task with { Assignment = "greedy" },
            _ => task with { TrainingPhase = TimeSpan.Zero },
        };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => scenario.Open(task));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Null(await pool.Operator.GetGrain<IBlockGrain>(task.Height).Describe());
    }

    [Fact]
    public async Task A_lower_height_than_the_current_one_is_refused()
    {
        var block = await scenario.OpenNext();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => scenario.Open(PoolScenario.Task(block.Task.Height - 1)));
        Assert.Contains("is below the current height", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strong_miners_explore_one_subspace_each_and_weak_miners_wait_until_an_architecture_is_confirmed()
    {
        var block = await scenario.OpenNext();
        var strong = await scenario.Miner();
        var other = await scenario.Miner();
        var weak = await scenario.Miner(strong: false);

        var first = await strong.Pull();
        var second = await other.Pull();
        Assert.Equal((WorkKind.Explore, "S1", 1L, 0L), (first.Kind, first.Subspace, first.Sequence, first.ControllerEpisodes));
        Assert.Equal((WorkKind.Explore, "S2"), (second.Kind, second.Subspace));
        Assert.Null(first.Checkpoint);
        Assert.NotNull(first.CheckpointUpload);
        var waiting = await weak.Pull();
        Assert.Equal(WorkKind.Wait, waiting.Kind);
        Assert.Contains("no architecture is confirmed yet", waiting.Reason, StringComparison.Ordinal);
        Assert.True(waiting.RetryAfter > TimeSpan.Zero);

        var receipt = await strong.Report(await PoolScenario.Episode(first, 0.6, withModel: true));
        Assert.False(receipt.Repeated);
        Assert.True(receipt.WorkUnits > 0);
        Assert.Equal(0.6, receipt.SubspaceBest);

        var summary = await pool.Operator.GetGrain<IBlockGrain>(block.Task.Height).Describe();
        var leader = Assert.Single(summary!.Leaderboard);
        Assert.Equal((strong.Id, "S1", 0.6), (leader.MinerId, leader.Subspace, leader.Reward));
        Assert.NotNull(leader.Model);

        var exploit = await weak.Pull();
        Assert.Equal(WorkKind.Exploit, exploit.Kind);
        Assert.Equal("S1", exploit.Subspace);
        Assert.Equal(leader.Architecture, exploit.BaseArchitecture);
        Assert.Equal(2, exploit.Epochs);
        var improved = await weak.Report(await PoolScenario.Episode(exploit, 0.7));
        Assert.Equal(0.7, improved.SubspaceBest);

        var subspace = await pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1").Describe();
        Assert.Equal(strong.Id, subspace!.Explorer);
        Assert.Equal((1L, 2L), (subspace.Explorations, subspace.Episodes));
        Assert.Equal<CurvePoint>([new CurvePoint(1, 0.6), new CurvePoint(2, 0.7)], subspace.Curve);
        Assert.Equal(weak.Id, subspace.Best!.MinerId);

        var next = await strong.Pull();
        Assert.Equal((WorkKind.Explore, "S1", 2L, 1L), (next.Kind, next.Subspace, next.Sequence, next.ControllerEpisodes));
        Assert.Equal(0.7, next.SubspaceBest);
        Assert.NotNull(next.Checkpoint);
        Assert.NotNull(next.CheckpointDownload);

        var described = await pool.Operator.GetGrain<IMinerGrain>(weak.Id).Describe();
        Assert.Equal((MinerRole.Exploiter, $"{block.Task.Height}/S1", 1L), (described.Role, described.Assignment, described.Episodes));
        Assert.Equal(improved.WorkUnits, described.WorkUnits);
    }

    [Fact]
    public async Task Under_explore_only_every_miner_whatever_its_strength_explores_one_subspace_and_nobody_exploits()
    {
        var block = await scenario.Open(PoolScenario.Task(PoolCluster.NextHeight(), episodes: 2) with { Assignment = AssignmentStrategy.ExploreOnly });
        var weak = await scenario.Miner(strong: false);
        var strong = await scenario.Miner();
        var first = await weak.Pull();
        var second = await strong.Pull();
        Assert.Equal((WorkKind.Explore, "S1", 1L), (first.Kind, first.Subspace, first.Sequence));
        Assert.Equal((WorkKind.Explore, "S2"), (second.Kind, second.Subspace));
        await weak.Report(await PoolScenario.Episode(first, 0.5, withModel: true));
        var next = await weak.Pull();
        Assert.Equal((WorkKind.Explore, "S1", 2L, 1L), (next.Kind, next.Subspace, next.Sequence, next.ControllerEpisodes));
        await weak.Report(await PoolScenario.Episode(next, 0.6, seed: 2));

        // its subspace is spent: it waits rather than taking S3 or exploiting the confirmed architectures
        var spent = await weak.Pull();
        Assert.Equal(WorkKind.Wait, spent.Kind);
        Assert.Contains("explore-only: one subspace per miner and nobody exploits", spent.Reason, StringComparison.Ordinal);
        var summary = await pool.Operator.GetGrain<IBlockGrain>(block.Task.Height).Describe();
        Assert.NotEmpty(summary!.Confirmed);
        Assert.Equal(AssignmentStrategy.ExploreOnly, summary.Task.Assignment);

        // a weak newcomer explores the next free subspace instead of exploiting
        var late = await scenario.Miner(strong: false);
        var third = await late.Pull();
        Assert.Equal((WorkKind.Explore, "S3", 1L), (third.Kind, third.Subspace, third.Sequence));
        Assert.Equal((MinerRole.Waiting, MinerRole.Explorer),
            ((await pool.Operator.GetGrain<IMinerGrain>(weak.Id).Describe()).Role, (await pool.Operator.GetGrain<IMinerGrain>(late.Id).Describe()).Role));
    }

    [Fact]
    public async Task An_explorer_whose_measured_speed_falls_below_the_threshold_gives_its_subspace_to_the_next_strong_miner()
    {
        var block = await scenario.OpenNext();
        var slowing = await scenario.Miner();
        var first = await slowing.Pull();
        var report = await PoolScenario.Episode(first, 0.4);
        await slowing.Report(report);

        // its speed is now below the threshold (refined speeds move with the architectures trained): it exploits, S1 is free
        await slowing.Grain.Calibrate(slowing.Secret, new MinerStrength(0.5, 0.1));
        Assert.Equal(WorkKind.Exploit, (await slowing.Pull()).Kind);
        Assert.Null((await pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1").Describe())!.Explorer);

        var successor = await scenario.Miner();
        var continued = await successor.Pull();
        Assert.Equal((WorkKind.Explore, "S1", 1L, 1L), (continued.Kind, continued.Subspace, continued.Sequence, continued.ControllerEpisodes));
        Assert.Equal(report.Checkpoint, continued.Checkpoint);
    }

    [Fact]
    public async Task An_explorer_whose_budget_is_spent_moves_to_the_next_free_subspace()
    {
        await scenario.OpenNext(episodes: 2);
        var strong = await scenario.Miner();
        for (var i = 0; i < 2; i++)
        {
            var item = await strong.Pull();
            Assert.Equal("S1", item.Subspace);
            await strong.Report(await PoolScenario.Episode(item, 0.1 * (i + 1), seed: (ulong)i));
        }

        var next = await strong.Pull();
        Assert.Equal((WorkKind.Explore, "S2", 1L), (next.Kind, next.Subspace, next.Sequence));
    }

    [Fact]
    public async Task A_leaving_explorer_releases_its_subspace_and_the_next_strong_miner_continues_from_the_checkpoint()
    {
        var block = await scenario.OpenNext();
        var first = await scenario.Miner();
        var item = await first.Pull();
        var report = await PoolScenario.Episode(item, 0.4);
        await first.Report(report);
        await first.Grain.Leave(first.Secret);

        var late = await Assert.ThrowsAsync<EpisodeRefusedException>(async () => await first.Report(await PoolScenario.Episode(await NextItem(item), 0.5)));
        Assert.Equal(ReportRefusal.NotAssigned, late.Reason);

        var second = await scenario.Miner();
        var continued = await second.Pull();
        Assert.Equal((WorkKind.Explore, "S1", 1L, 1L), (continued.Kind, continued.Subspace, continued.Sequence, continued.ControllerEpisodes));
        Assert.Equal(report.Checkpoint, continued.Checkpoint);
        Assert.Equal(MinerStatus.Left, (await pool.Operator.GetGrain<IMinerGrain>(first.Id).Describe()).Status);
        Assert.Equal(second.Id, (await pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1").Describe())!.Explorer);
    }

    [Fact]
    public async Task After_the_training_phase_closes_miners_wait_and_reports_are_refused()
    {
        var block = await scenario.OpenNext();
        var strong = await scenario.Miner();
        var item = await strong.Pull();
        var report = await PoolScenario.Episode(item, 0.3);
        var closed = await pool.Operator.GetGrain<IBlockGrain>(block.Task.Height).Close();
        Assert.Equal(BlockPhase.Closed, closed.Phase);
        var refused = await Assert.ThrowsAsync<EpisodeRefusedException>(() => strong.Report(report));
        Assert.Equal(ReportRefusal.PhaseOver, refused.Reason);
        var wait = await strong.Pull();
        Assert.Equal(WorkKind.Wait, wait.Kind);
        Assert.Contains("is over", wait.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_with_new_bests_and_pulls_of_other_miners_run_concurrently_without_deadlock()
    {
        // a subspace offering its best to the block while the block admits a miner to that subspace would deadlock
        // if the subspace called the block itself; the miner grain offers instead
        await scenario.OpenNext(episodes: 1000);
        var explorer = await scenario.Miner();
        var weak = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => scenario.Miner(strong: false)));
        var first = await explorer.Pull();
        await explorer.Report(await PoolScenario.Episode(first, 0.01, seed: 100));
        var reports = Task.Run(async () =>
        {
            for (var i = 1; i <= 15; i++)
            {
                var item = await explorer.Pull();
                await explorer.Report(await PoolScenario.Episode(item, 0.01 + (0.01 * i), seed: (ulong)(100 + i)));
            }
        });
        var pulls = weak.Select(miner => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                Assert.Equal(WorkKind.Exploit, (await miner.Pull()).Kind);
            }
        }));
        var all = Task.WhenAll([reports, .. pulls]);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(25))));
        await all;
    }

    [Fact]
    public async Task Agents_may_call_only_their_miner_grains_methods()
    {
        var block = await scenario.OpenNext();
        var miner = await scenario.Miner();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<IBlockGrain>(block.Task.Height).Describe());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<IPoolGrain>(IPoolGrain.Key).OpenBlock(PoolScenario.Task(block.Task.Height + 1000)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1").Admit(miner.Id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<IMinerGrain>("someone-new").Register(new MinerProfile("x", "cpu")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<IMinerGrain>(miner.Id).Describe());
        Assert.NotNull(await pool.Operator.GetGrain<IBlockGrain>(block.Task.Height).Describe());
    }

    private static Task<WorkItem> NextItem(WorkItem previous) => Task.FromResult(previous with
    {
        Sequence = previous.Sequence + 1,
        ControllerEpisodes = previous.ControllerEpisodes + 1,
        CheckpointName = previous.CheckpointName!.Replace($"{previous.Sequence:D6}", $"{previous.Sequence + 1:D6}", StringComparison.Ordinal),
    });
}
