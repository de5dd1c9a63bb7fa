using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Grains.Tests.Chain;
using PoNasOrleans.Nas.Json;

namespace PoNasOrleans.Grains.Tests.Consensus;

/// <summary>The pool following the devnet through whole heights: commit, measure, reveal, outcome, credit.</summary>
[Collection(SharedConsensusCluster.Name)]
public sealed class ConsensusTests(ConsensusCluster pool)
{
    private const string Solo = "solo-miner";
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(20);

    private readonly PoolScenario scenario = new(pool);

    private IServiceProvider Silo => pool.Cluster.Silos[0].SiloHost.Services;

    private IChainClient Chain => Silo.GetRequiredService<IChainClient>();

    [Fact]
    public async Task The_pool_commits_its_best_model_has_it_measured_reveals_it_wins_over_a_dishonest_claim_and_credits_the_reward_once()
    {
        var task = await FreshHeight();
        var consensus = pool.Operator.GetGrain<IConsensusGrain>(task.Height);
        var strong = await scenario.Miner();
        var other = await scenario.Miner(strong: false);

        // training: the strong miner's episode with a model; a solo miner commits its own model
        var item = await strong.Pull();
        Assert.Equal((WorkKind.Explore, task.Height), (item.Kind, item.Height));
        var report = await PoolScenario.Episode(item, 0.7, withModel: true);
        await strong.Report(report);
        var (soloModel, soloArchitecture) = SoloModel(task);
        await Chain.Commit(task.Height, Solo, Commitment.Of(soloModel, Solo));

        // the pool commits before the deadline: stored first, then accepted by the chain
        var committed = await Until(consensus, s => s.Stage >= ConsensusStage.Committed, "the commitment");
        var commitment = Assert.Single(committed.Commitments);
        Assert.True(commitment.Sent);
        Assert.Null(commitment.Refusal);
        Assert.Equal((strong.Id, report.Model), (commitment.Entry.MinerId, commitment.Entry.Model));
        Assert.True(DateTimeOffset.UtcNow < task.TrainingDeadline || committed.Stage > ConsensusStage.Committed);

        // validation: one miner measures the committed model on the released test split; nobody else may report
        await Until(consensus, s => s.Stage == ConsensusStage.Measuring, "the test split's release");
        var measure = await strong.Pull();
        Assert.Equal(WorkKind.Measure, measure.Kind);
        var target = Assert.Single(measure.Measure!.Targets);
        Assert.Equal((commitment.Commitment, report.Model!.Sha256), (target.Commitment, target.ModelSha256));
        Assert.Equal((await Chain.TestSplit(task.Height))!.Location, measure.Measure.TestLocation);
        await Assert.ThrowsAsync<ArgumentException>(() => other.Grain.ReportTestAccuracies(other.Secret, task.Height, [new TestAccuracy(commitment.Commitment, 0.8)]));
        await Assert.ThrowsAsync<ArgumentException>(() => strong.Grain.ReportTestAccuracies(strong.Secret, task.Height, [new TestAccuracy(commitment.Commitment, double.NaN)]));
        await strong.Grain.ReportTestAccuracies(strong.Secret, task.Height, [new TestAccuracy(commitment.Commitment, 0.8)]);
        await strong.Grain.ReportTestAccuracies(strong.Secret, task.Height, [new TestAccuracy(commitment.Commitment, 0.8)]); // a retry

        // the solo miner claims more than its model holds
        await Chain.Reveal(new Reveal(task.Height, Solo, Commitment.Of(soloModel, Solo), Convert.ToHexStringLower(SHA256.HashData(soloModel)), soloArchitecture, 0.95), soloModel);
        var revealed = await Until(consensus, s => s.Stage >= ConsensusStage.Revealed, "the reveal");
        Assert.True(Assert.Single(revealed.Commitments).Revealed);

        // judging: the dishonest claim is discarded, the pool's holds
        await ChainScenario.Until(task.ValidationDeadline);
        var validator = await scenario.Miner(strong: false);
        var first = await validator.Grain.PullClaim(validator.Secret);
        Assert.Equal((Solo, 0.95), (first!.Participant, first.ClaimedAccuracy));
        Assert.Equal(ClaimVerdict.Discarded, (await validator.Grain.SubmitMeasurement(validator.Secret, task.Height, first.Commitment, 0.5)).Verdict);
        var second = await validator.Grain.PullClaim(validator.Secret);
        Assert.Equal((ConsensusOptionsParticipant, 0.8), (second!.Participant, second.ClaimedAccuracy));
        Assert.Equal(ClaimVerdict.Confirmed, (await validator.Grain.SubmitMeasurement(validator.Secret, task.Height, second.Commitment, 0.8)).Verdict);

        // the pool won: the reward less the fee goes to the only miner with work (the finder), once
        var decided = await Until(consensus, s => s.Credited, "the credit");
        Assert.True(decided.Won);
        Assert.Equal(commitment.Commitment, decided.Outcome!.WinningCommitment);
        await consensus.Advance();
        var ledger = Silo.GetRequiredService<RewardLedger>();
        var credit = Assert.Single(await ledger.Credits(strong.Id), c => c.Height == task.Height);
        Assert.Equal((1_000_003L - 25_000L, true), (credit.Amount, credit.Finder));
        var block = Assert.Single(await ledger.CreditedBlocks(1000), b => b.Height == task.Height);
        Assert.Equal((1_000_003L, 25_000L, strong.Id), (block.Reward, block.PoolFee, block.Finder));
        Assert.DoesNotContain(await ledger.Credits(other.Id), c => c.Height == task.Height && c.Amount > 0);
    }

    [Fact]
    public async Task A_height_the_solo_miner_wins_is_recorded_as_lost_and_credits_nothing()
    {
        var task = await FreshHeight();
        var consensus = pool.Operator.GetGrain<IConsensusGrain>(task.Height);
        var strong = await scenario.Miner();
        await strong.Report(await PoolScenario.Episode(await strong.Pull(), 0.6, withModel: true));
        var (soloModel, soloArchitecture) = SoloModel(task);
        await Chain.Commit(task.Height, Solo, Commitment.Of(soloModel, Solo));

        await Until(consensus, s => s.Stage == ConsensusStage.Measuring, "the test split's release");
        var measure = await strong.Pull();
        await strong.Grain.ReportTestAccuracies(strong.Secret, task.Height, [new TestAccuracy(Assert.Single(measure.Measure!.Targets).Commitment, 0.6)]);
        await Chain.Reveal(new Reveal(task.Height, Solo, Commitment.Of(soloModel, Solo), Convert.ToHexStringLower(SHA256.HashData(soloModel)), soloArchitecture, 0.9), soloModel);
        await Until(consensus, s => s.Stage >= ConsensusStage.Revealed, "the reveal");

        await ChainScenario.Until(task.ValidationDeadline);
        var validator = await scenario.Miner(strong: false);
        var claim = await validator.Grain.PullClaim(validator.Secret);
        Assert.Equal(Solo, claim!.Participant);
        Assert.Equal(ClaimVerdict.Confirmed, (await validator.Grain.SubmitMeasurement(validator.Secret, task.Height, claim.Commitment, 0.9)).Verdict);

        var decided = await Until(consensus, s => s.Stage == ConsensusStage.Decided, "the outcome");
        Assert.False(decided.Won);
        Assert.False(decided.Credited);
        Assert.Equal(Solo, decided.Outcome!.Winner);
        Assert.DoesNotContain(await Silo.GetRequiredService<RewardLedger>().CreditedBlocks(1000), b => b.Height == task.Height);
    }

    private static string ConsensusOptionsParticipant => ConsensusCluster.Pool.ParticipantId;

    /// <summary>A model of the solo miner: any bytes, with a feasible architecture of the task's space.</summary>
    private static (byte[] Model, string Architecture) SoloModel(ChainTask task) =>
        (RandomNumberGenerator.GetBytes(64), ArchitectureJson.Write(PoolScenario.Sample(task.ParseSpace(), task.Layers, seed: 3, feasible: true)));

    /// <summary>A height the devnet has just published, whose block the pool has opened, with its whole training phase ahead.</summary>
    private async Task<ChainTask> FreshHeight()
    {
        var start = await Chain.CurrentTask();
        ChainTask? task = null;
        await ChainScenario.Eventually(
            async () => (task = await Chain.CurrentTask()) is { } current && current.Height > (start?.Height ?? 0) && DateTimeOffset.UtcNow - current.Published < TimeSpan.FromSeconds(1),
            Phase,
            "a new height");
        await ChainScenario.Eventually(async () => await pool.Operator.GetGrain<IPoolGrain>(IPoolGrain.Key).CurrentHeight() == task!.Height, Phase, "the pool's block");
        return task!;
    }

    private static async Task<ConsensusSummary> Until(IConsensusGrain consensus, Func<ConsensusSummary, bool> condition, string what)
    {
        ConsensusSummary? summary = null;
        await ChainScenario.Eventually(async () => (summary = await consensus.Describe()) is { } s && condition(s), Phase, what);
        return summary!;
    }
}
