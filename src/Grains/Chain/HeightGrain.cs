using Microsoft.Extensions.Options;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Storage;

namespace PoNasOrleans.Grains.Chain;

/// <summary>
/// One height of the devnet chain: a <see cref="HeightLedger"/> as durable grain state, on the silo's clock. The
/// ledger checks before it records, so a refused call changes nothing; an accepted change (and, for a reveal, the
/// model's bytes in the blob container "chain") is stored before it is acknowledged. When storing fails, the
/// activation is dropped so that the next call starts again from the stored state.
/// </summary>
public sealed class HeightGrain(
    [PersistentState("height", "pool")] IPersistentState<HeightLedger> state,
    ModelStore models,
    IOptions<DevnetOptions> options,
    TimeProvider time) : Grain, IHeightGrain
{
    private HeightLedger Ledger => state.State;

    private long Height => this.GetPrimaryKeyLong();

    /// <inheritdoc />
    public async Task<HeightView> Open(ChainTask task, DatasetRef testSplit)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Height != Height)
        {
            throw new ArgumentException($"the task is for height {task.Height}, not {Height}", nameof(task));
        }

        var opened = Ledger.Task is not null;
        Ledger.Open(task, testSplit);
        if (!opened)
        {
            await Store();
        }

        return View(task, time.GetUtcNow());
    }

    /// <inheritdoc />
    public Task<HeightView?> Describe() => Task.FromResult(Ledger.Task is { } task ? View(task, time.GetUtcNow()) : null);

    /// <inheritdoc />
    public async Task<CommitmentRecord> Commit(string participant, string commitment)
    {
        var record = Ledger.Commit(participant, commitment, time.GetUtcNow());
        await Store();
        return record;
    }

    /// <inheritdoc />
    public async Task<Claim> Reveal(Reveal reveal, byte[] modelBytes)
    {
        var bytes = modelBytes ?? [];
        var claim = Ledger.Reveal(reveal, bytes, time.GetUtcNow());
        await Store(() => models.Put(BlobNames.Chain, BlobNames.RevealedModel(claim.Reveal.ModelSha256), BinaryData.FromBytes(bytes)));
        return claim;
    }

    /// <inheritdoc />
    public Task<DatasetRef?> TestSplit() => Task.FromResult(Ledger.TestSplitAt(time.GetUtcNow()));

    /// <inheritdoc />
    public Task<Claim?> NextClaim() => Task.FromResult(Ledger.NextClaim());

    /// <inheritdoc />
    public async Task<ValidatorClaim?> ClaimToJudge()
    {
        var now = time.GetUtcNow();
        if (Ledger.Task is not { } task || now < task.ValidationDeadline || Ledger.OutcomeAt(now) is not null || Ledger.NextClaim() is not { } next)
        {
            return null;
        }

        var lifetime = options.Value.ValidatorLinkLifetime;
        var link = await models.ReadLink(BlobNames.Chain, BlobNames.RevealedModel(next.Reveal.ModelSha256), lifetime);
        return new ValidatorClaim(
            task.Height, next.Commitment.Hash, next.Reveal.Participant, next.Reveal.Architecture, next.Reveal.ClaimedAccuracy,
            next.Reveal.ModelSha256, link, now + lifetime, Ledger.TestSplitAt(now)!);
    }

    /// <inheritdoc />
    public async Task<ClaimJudgement> Judge(string commitment, double measuredAccuracy)
    {
        if (Ledger.Task is null)
        {
            throw new ChainRefusedException(ChainRefusal.UnknownHeight, $"no task is published at height {Height}");
        }

        if (!ChainIds.IsSha256(commitment))
        {
            throw new ChainRefusedException(ChainRefusal.Malformed, $"height {Height}: the commitment of a measurement must be 64 lowercase hex digits");
        }

        if (!double.IsFinite(measuredAccuracy) || measuredAccuracy is < 0 or > 1)
        {
            throw new ChainRefusedException(ChainRefusal.AccuracyOutOfRange, $"height {Height}: the measured accuracy {measuredAccuracy} is not in [0, 1]");
        }

        // a claim is judged once: another validator's measurement of a judged claim is acknowledged with the verdict on record
        if (Ledger.Winner is { } winner && winner.Commitment.Hash == commitment)
        {
            return new ClaimJudgement(Height, commitment, ClaimVerdict.Confirmed, Ledger.WinnerAccuracy ?? measuredAccuracy, Repeated: true);
        }

        if (Ledger.Discarded.Find(d => d.Commitment == commitment) is { } discarded)
        {
            return new ClaimJudgement(Height, commitment, ClaimVerdict.Discarded, discarded.MeasuredAccuracy, Repeated: true);
        }

        var now = time.GetUtcNow();
        if (Ledger.OutcomeAt(now) is not null)
        {
            throw new ChainRefusedException(ChainRefusal.HeightDecided, $"height {Height} is already decided");
        }

        var claim = Ledger.Claims.Find(c => c.Commitment.Hash == commitment)
            ?? throw new ChainRefusedException(ChainRefusal.UnknownCommitment, $"height {Height}: no claim of commitment {commitment} was revealed");
        var verdict = Ledger.Judge(claim, measuredAccuracy, now);
        await Store();
        return new ClaimJudgement(Height, commitment, verdict, measuredAccuracy, Repeated: false);
    }

    /// <inheritdoc />
    public Task<HeightOutcome?> Outcome() => Task.FromResult(Ledger.OutcomeAt(time.GetUtcNow()));

    private HeightView View(ChainTask task, DateTimeOffset now) => new(
        task,
        task.PhaseAt(now),
        [.. Ledger.Commitments],
        [.. Ledger.Claims],
        [.. Ledger.Discarded],
        Ledger.Winner,
        Ledger.WinnerAccuracy,
        Ledger.TestSplitAt(now),
        Ledger.OutcomeAt(now) is not null);

    /// <summary>Stores the ledger (after <paramref name="before"/>, e.g. the model's upload); on failure drops the activation, whose ledger is ahead of storage, and rethrows.</summary>
    private async Task Store(Func<Task>? before = null)
    {
        try
        {
            if (before is not null)
            {
                await before();
            }

            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
