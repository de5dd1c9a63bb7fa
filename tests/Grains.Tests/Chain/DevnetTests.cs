using Azure.Storage.Blobs;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;

namespace PoNasOrleans.Grains.Tests.Chain;

/// <summary>
/// The devnet grain: it publishes a height after the previous one is decided, with a winner or with none, and
/// validators judge the claims of the height being judged through their miner grains. The only test that starts the
/// devnet of the shared cluster (it pauses it again at the end).
/// </summary>
[Collection(SharedPoolCluster.Name)]
public sealed class DevnetTests(PoolCluster pool)
{
    private readonly ChainScenario chain = new(pool);

    [Fact]
    public async Task The_devnet_publishes_the_next_height_once_the_current_one_is_decided_and_validators_judge_its_claims()
    {
        var devnet = pool.Operator.GetGrain<IDevnetGrain>(IDevnetGrain.Key);
        try
        {
            await Run(devnet);
        }
        finally
        {
            await devnet.Pause();
        }
    }

    private async Task Run(IDevnetGrain devnet)
    {
        var schedule = ChainScenario.Schedule(ChainScenario.Training, ChainScenario.Validation);
        var startedAt = DateTimeOffset.UtcNow;
        var status = await devnet.Start(schedule);
        Assert.True(status.Running);
        var height = Assert.NotNull(status.CurrentHeight);
        var task = status.Task!;
        Assert.NotNull(task);
        Assert.Equal(height, task.Height);
        Assert.InRange(task.Published, startedAt, DateTimeOffset.UtcNow);
        Assert.Equal((schedule.TrainingPhase, schedule.ValidationPhase), (task.TrainingDeadline - task.Published, task.ValidationDeadline - task.TrainingDeadline));
        Assert.Equal(ChainPhase.Training, status.Phase);

        // repeated starts and ticks while the height is undecided publish nothing
        Assert.Equal(task, (await devnet.Start(schedule)).Task);
        var ticks = await Task.WhenAll(devnet.Advance(), devnet.Advance(), devnet.Advance());
        Assert.All(ticks, tick => Assert.Equal(height, tick.CurrentHeight));
        Assert.Equal(task, await chain.Client.CurrentTask());

        var cheat = ChainScenario.Model("cheat", 1);
        var honest = ChainScenario.Model("honest", 2);
        await chain.Client.Commit(height, cheat.Participant, cheat.Commitment);
        await chain.Client.Commit(height, honest.Participant, honest.Commitment);
        var validator = await chain.Validator();
        Assert.Null(await validator.Grain.PullClaim(validator.Secret));
        await ChainScenario.Until(task.TrainingDeadline);
        await chain.Client.Reveal(cheat.RevealAt(height, 0.9), cheat.Bytes);
        await chain.Client.Reveal(honest.RevealAt(height, 0.7), honest.Bytes);
        var split = SyntheticData.Test(schedule.TestSeed + (ulong)height, schedule.TestImages);
        Assert.Equal(split, await chain.Client.TestSplit(height));
        Assert.Null(await validator.Grain.PullClaim(validator.Secret)); // reveals are still open

        // a new schedule applies from the next height: short phases, so that the next one ends quickly without claims
        var quick = ChainScenario.Schedule(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
        Assert.Equal(task, (await devnet.Start(quick)).Task);
        await ChainScenario.Until(task.ValidationDeadline);

        var first = await validator.Grain.PullClaim(validator.Secret);
        Assert.NotNull(first);
        Assert.Equal((height, cheat.Commitment, "cheat", 0.9, cheat.Sha256, split), (first.Height, first.Commitment, first.Participant, first.ClaimedAccuracy, first.ModelSha256, first.TestSplit));
        Assert.Equal(cheat.Bytes, (await new BlobClient(first.Model).DownloadContentAsync()).Value.Content.ToArray());
        Assert.True(first.ModelExpires > DateTimeOffset.UtcNow);
        Assert.Equal(ClaimVerdict.Discarded, (await validator.Grain.SubmitMeasurement(validator.Secret, height, first.Commitment, 0.5)).Verdict);
        Assert.Equal(height, (await devnet.Status()).CurrentHeight);

        var second = await validator.Grain.PullClaim(validator.Secret);
        Assert.Equal(honest.Commitment, second?.Commitment);
        var decidedAt = DateTimeOffset.UtcNow;
        Assert.Equal(ClaimVerdict.Confirmed, (await validator.Grain.SubmitMeasurement(validator.Secret, height, honest.Commitment, 0.7)).Verdict);
        Assert.Equal("honest", (await chain.Client.Outcome(height))?.Winner);

        await ChainScenario.Eventually(async () => (await devnet.Status()).CurrentHeight == height + 1, TimeSpan.FromSeconds(10), $"height {height + 1}'s publication");
        var next = await chain.Client.CurrentTask();
        Assert.NotNull(next);
        Assert.True(next.Published >= decidedAt, "the next height's deadlines start from its publication");
        Assert.Equal((quick.TrainingPhase, quick.ValidationPhase), (next.TrainingDeadline - next.Published, next.ValidationDeadline - next.TrainingDeadline));
        Assert.Null(await validator.Grain.PullClaim(validator.Secret));

        // nobody claims at the next height: it is decided without a winner at its validation deadline, and the devnet
        // goes on after its activation is collected
        await pool.Operator.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await ChainScenario.Eventually(async () => (await devnet.Status()).CurrentHeight >= height + 2, TimeSpan.FromSeconds(10), $"height {height + 2}'s publication");
        var empty = await chain.Client.Outcome(height + 1);
        Assert.NotNull(empty);
        Assert.Null(empty.Winner);
        Assert.Empty(empty.Discarded);

        var paused = await devnet.Pause();
        Assert.False(paused.Running);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(paused.CurrentHeight, (await devnet.Status()).CurrentHeight);
    }
}
