using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Storage;

namespace PoNasOrleans.Grains.Tests.Chain;

/// <summary>The devnet's heights as grains: the ledger's rules on the silo's clock, durable state, revealed models in blobs.</summary>
[Collection(SharedPoolCluster.Name)]
public sealed class HeightGrainTests(PoolCluster pool)
{
    private readonly ChainScenario chain = new(pool);

    [Fact]
    public async Task A_commitment_in_the_training_phase_is_accepted_and_one_after_the_deadline_is_refused_without_change()
    {
        var task = await chain.Open();
        var model = ChainScenario.Model("pool-1", 1);
        var client = chain.Client;

        var record = await client.Commit(task.Height, model.Participant, model.Commitment);
        Assert.Equal((model.Participant, model.Commitment, 1L), (record.Participant, record.Hash, record.Sequence));
        Assert.Equal(task, await client.TaskAt(task.Height));
        Assert.Null(await client.TestSplit(task.Height));
        var training = await chain.Height(task.Height).Describe();
        Assert.NotNull(training);
        Assert.Equal(ChainPhase.Training, training.Phase);
        Assert.Null(training.TestSplit);
        Assert.Equal(new[] { record }, training.Commitments);

        await ChainScenario.Until(task.TrainingDeadline);
        var late = ChainScenario.Model("pool-1", 2);
        var refused = await Assert.ThrowsAsync<ChainRefusedException>(() => client.Commit(task.Height, late.Participant, late.Commitment));
        Assert.Equal(ChainRefusal.CommitmentOutsideTraining, refused.Reason);
        Assert.Contains("not before the training deadline", refused.Message, StringComparison.Ordinal);

        var validation = await chain.Height(task.Height).Describe();
        Assert.NotNull(validation);
        Assert.Equal(ChainPhase.Validation, validation.Phase);
        Assert.Equal(new[] { record }, validation.Commitments);
        Assert.Equal(ChainScenario.TestSplit, validation.TestSplit);
        Assert.Equal(ChainScenario.TestSplit, await client.TestSplit(task.Height));
        Assert.Null(await client.Outcome(task.Height));
    }

    [Fact]
    public async Task An_unopened_height_refuses_with_unknown_height_and_another_task_cannot_replace_an_open_one()
    {
        var height = ChainScenario.NextHeight();
        var model = ChainScenario.Model("pool-1", 1);
        var refused = await Assert.ThrowsAsync<ChainRefusedException>(() => chain.Client.Commit(height, model.Participant, model.Commitment));
        Assert.Equal(ChainRefusal.UnknownHeight, refused.Reason);
        Assert.Null(await chain.Height(height).Describe());
        Assert.Null(await chain.Client.TaskAt(height));

        var task = ChainScenario.Task(height, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        var opened = await chain.Height(height).Open(task, ChainScenario.TestSplit);
        Assert.Equal(opened.Task, (await chain.Height(height).Open(task, ChainScenario.TestSplit)).Task);
        await Assert.ThrowsAsync<InvalidOperationException>(() => chain.Height(height).Open(task with { Epochs = 2 }, ChainScenario.TestSplit));
        await Assert.ThrowsAsync<ArgumentException>(() => chain.Height(height + 1).Open(task, ChainScenario.TestSplit));
        Assert.Equal(task, (await chain.Height(height).Describe())!.Task);
    }

    [Fact]
    public async Task Reveals_whose_bytes_match_no_commitment_and_repeated_reveals_are_refused_and_the_model_is_stored_for_validators()
    {
        var task = await chain.Open();
        var honest = ChainScenario.Model("pool-1", 1);
        var other = ChainScenario.Model("solo-2", 2);
        var client = chain.Client;
        await client.Commit(task.Height, honest.Participant, honest.Commitment);
        await client.Commit(task.Height, other.Participant, other.Commitment);
        var early = await Assert.ThrowsAsync<ChainRefusedException>(() => client.Reveal(honest.RevealAt(task.Height, 0.8), honest.Bytes));
        Assert.Equal(ChainRefusal.RevealOutsideValidation, early.Reason);
        await ChainScenario.Until(task.TrainingDeadline);

        // bytes that hash to no commitment of the participant (named with their own SHA-256)
        var forged = honest with { Bytes = [.. honest.Bytes, 0x01] };
        var mismatch = await Assert.ThrowsAsync<ChainRefusedException>(() => client.Reveal(forged.RevealAt(task.Height, 0.8) with { Commitment = honest.Commitment }, forged.Bytes));
        Assert.Equal(ChainRefusal.CommitmentMismatch, mismatch.Reason);
        var wrongHash = await Assert.ThrowsAsync<ChainRefusedException>(() => client.Reveal(honest.RevealAt(task.Height, 0.8) with { ModelSha256 = forged.Sha256 }, honest.Bytes));
        Assert.Equal(ChainRefusal.ModelHashMismatch, wrongHash.Reason);
        var notYours = await Assert.ThrowsAsync<ChainRefusedException>(() => client.Reveal(other.RevealAt(task.Height, 0.8) with { Participant = honest.Participant }, other.Bytes));
        Assert.Equal(ChainRefusal.NotYourCommitment, notYours.Reason);
        Assert.Empty((await chain.Height(task.Height).Describe())!.Claims);

        var claim = await client.Reveal(honest.RevealAt(task.Height, 0.8), honest.Bytes);
        Assert.Equal((honest.Commitment, 0.8), (claim.Commitment.Hash, claim.Reveal.ClaimedAccuracy));
        var duplicate = await Assert.ThrowsAsync<ChainRefusedException>(() => client.Reveal(honest.RevealAt(task.Height, 0.9), honest.Bytes));
        Assert.Equal(ChainRefusal.DuplicateReveal, duplicate.Reason);

        var view = await chain.Height(task.Height).Describe();
        Assert.Equal(new[] { claim }, view!.Claims);
        var blob = pool.Blobs.GetBlobContainerClient(BlobNames.Chain).GetBlobClient(BlobNames.RevealedModel(honest.Sha256));
        Assert.Equal(honest.Bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        Assert.False(await pool.Blobs.GetBlobContainerClient(BlobNames.Chain).GetBlobClient(BlobNames.RevealedModel(forged.Sha256)).ExistsAsync());
    }

    [Fact]
    public async Task A_dishonest_claim_is_discarded_the_next_honest_claim_confirmed_and_each_claim_judged_once()
    {
        var task = await chain.Open();
        var cheat = ChainScenario.Model("cheat", 1);
        var honest = ChainScenario.Model("honest", 2);
        var client = chain.Client;
        await client.Commit(task.Height, cheat.Participant, cheat.Commitment);
        await client.Commit(task.Height, honest.Participant, honest.Commitment);
        await ChainScenario.Until(task.TrainingDeadline);
        await client.Reveal(cheat.RevealAt(task.Height, 0.9), cheat.Bytes);
        await client.Reveal(honest.RevealAt(task.Height, 0.7), honest.Bytes);
        var validator = await chain.Validator();
        var intruder = await chain.Validator();

        var open = await Assert.ThrowsAsync<ChainRefusedException>(() => validator.Grain.SubmitMeasurement(validator.Secret, task.Height, cheat.Commitment, 0.5));
        Assert.Equal(ChainRefusal.RevealsOpen, open.Reason);
        await ChainScenario.Until(task.ValidationDeadline);

        // another miner's credential changes nothing
        await Assert.ThrowsAsync<MinerRefusedException>(() => validator.Grain.SubmitMeasurement(intruder.Secret, task.Height, cheat.Commitment, 0.9));
        await Assert.ThrowsAsync<MinerRefusedException>(() => intruder.Grain.SubmitMeasurement(validator.Secret, task.Height, cheat.Commitment, 0.9));
        Assert.Equal(cheat.Commitment, (await chain.Height(task.Height).NextClaim())!.Commitment.Hash);

        var outOfOrder = await Assert.ThrowsAsync<ChainRefusedException>(() => validator.Grain.SubmitMeasurement(validator.Secret, task.Height, honest.Commitment, 0.7));
        Assert.Equal(ChainRefusal.NotNextClaim, outOfOrder.Reason);
        foreach (var bad in new[] { double.NaN, -0.1, 1.5, double.PositiveInfinity })
        {
            var range = await Assert.ThrowsAsync<ChainRefusedException>(() => validator.Grain.SubmitMeasurement(validator.Secret, task.Height, cheat.Commitment, bad));
            Assert.Equal(ChainRefusal.AccuracyOutOfRange, range.Reason);
        }

        var unknown = await Assert.ThrowsAsync<ChainRefusedException>(() => validator.Grain.SubmitMeasurement(validator.Secret, task.Height, new string('c', 64), 0.5));
        Assert.Equal(ChainRefusal.UnknownCommitment, unknown.Reason);
        Assert.Empty((await chain.Height(task.Height).Describe())!.Discarded);

        var discarded = await validator.Grain.SubmitMeasurement(validator.Secret, task.Height, cheat.Commitment, 0.5);
        Assert.Equal(new ClaimJudgement(task.Height, cheat.Commitment, ClaimVerdict.Discarded, 0.5, Repeated: false), discarded);
        var again = await intruder.Grain.SubmitMeasurement(intruder.Secret, task.Height, cheat.Commitment, 0.9);
        Assert.Equal(discarded with { Repeated = true }, again);
        Assert.Null(await client.Outcome(task.Height));

        var confirmed = await validator.Grain.SubmitMeasurement(validator.Secret, task.Height, honest.Commitment, 0.705);
        Assert.Equal(ClaimVerdict.Confirmed, confirmed.Verdict);
        Assert.Equal(confirmed with { Repeated = true }, await validator.Grain.SubmitMeasurement(validator.Secret, task.Height, honest.Commitment, 0.1));

        var outcome = await client.Outcome(task.Height);
        Assert.NotNull(outcome);
        Assert.Equal(("honest", honest.Commitment, 0.705), (outcome.Winner, outcome.WinningCommitment, outcome.MeasuredAccuracy));
        Assert.Equal(new[] { new DiscardedClaim("cheat", cheat.Commitment, 0.9, 0.5) }, outcome.Discarded);
        var view = await chain.Height(task.Height).Describe();
        Assert.True(view!.Decided);
        Assert.Equal(ChainPhase.Confirmed, view.Phase);
        Assert.Null(await chain.Height(task.Height).ClaimToJudge());
        Assert.Equal(ChainRefusal.HeightDecided, (await Assert.ThrowsAsync<ChainRefusedException>(() => validator.Grain.SubmitMeasurement(validator.Secret, task.Height, new string('c', 64), 0.5))).Reason);

        // refusals are counted on the miner whose grain was called
        Assert.Equal(9, (await pool.Operator.GetGrain<IMinerGrain>(validator.Id).Describe()).RefusedCalls);
        Assert.Equal(1, (await pool.Operator.GetGrain<IMinerGrain>(intruder.Id).Describe()).RefusedCalls);
    }

    [Fact]
    public async Task A_height_survives_deactivation_with_its_commitments_claims_and_models()
    {
        var task = await chain.Open();
        var first = ChainScenario.Model("pool-1", 1);
        var second = ChainScenario.Model("pool-1", 2);
        var client = chain.Client;
        await client.Commit(task.Height, first.Participant, first.Commitment);
        await client.Commit(task.Height, second.Participant, second.Commitment);
        await ChainScenario.Until(task.TrainingDeadline);
        await client.Reveal(first.RevealAt(task.Height, 0.75), first.Bytes);
        var before = await chain.Height(task.Height).Describe();

        await pool.Operator.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await chain.Height(task.Height).Describe();
        Assert.NotNull(after);
        Assert.Equal(before!.Task, after.Task);
        Assert.Equal(before.Commitments.ToArray(), after.Commitments.ToArray());
        Assert.Equal(before.Claims.ToArray(), after.Claims.ToArray());
        Assert.Equal(before.TestSplit, after.TestSplit);

        var duplicate = await Assert.ThrowsAsync<ChainRefusedException>(() => client.Reveal(first.RevealAt(task.Height, 0.75), first.Bytes));
        Assert.Equal(ChainRefusal.DuplicateReveal, duplicate.Reason);
        var claim = await client.Reveal(second.RevealAt(task.Height, 0.7), second.Bytes);
        Assert.Equal(2, claim.Commitment.Sequence);
        Assert.Equal(2, (await chain.Height(task.Height).Describe())!.Claims.Length);
    }
}
