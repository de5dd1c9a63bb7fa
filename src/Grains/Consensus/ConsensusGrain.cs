using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Grains.Telemetry;
using PoNasOrleans.Nas.Rewards;

namespace PoNasOrleans.Grains.Consensus;

/// <summary>
/// The pool as one participant of the chain at a height (docs/consensus.md). A grain timer advances it every
/// <see cref="ConsensusOptions.Tick"/> and a reminder reactivates it after a failure; each step stores what it
/// decided before it acts on the chain, and repeats safely: a commitment or reveal the chain already holds counts
/// as sent, and the ledger's rows are insert-only.
/// </summary>
public sealed partial class ConsensusGrain(
    [PersistentState("consensus", "pool")] IPersistentState<ConsensusState> state,
    IChainClient chain,
    ModelStore blobs,
    EpisodeTable episodes,
    RewardLedger ledger,
    IOptions<ConsensusOptions> options,
    TimeProvider time,
    ILogger<ConsensusGrain> log,
    PoolMetrics metrics) : Grain, IConsensusGrain, IRemindable
{
    private const string ReminderName = "consensus";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly ConsensusOptions consensus = options.Value;
    private IGrainTimer? timer;

    private long Height => this.GetPrimaryKeyLong();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Task is not null && !Finished)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ConsensusSummary> Start(ChainTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Height != Height)
        {
            throw new ArgumentException($"the chain's task is for height {task.Height}, not {Height}", nameof(task));
        }

        if (state.State.Task is { } started)
        {
            return started == task ? Summary() : throw new ArgumentException($"the pool takes part in height {Height} with another task");
        }

        state.State.Task = task;
        state.State.CommitAt = task.TrainingDeadline - consensus.CommitMargin;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        StartTimer();
        return Summary();
    }

    /// <inheritdoc />
    public async Task<ConsensusSummary?> Advance()
    {
        if (state.State.Task is null)
        {
            return null;
        }

        try
        {
            await Step();
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            // the chain or storage failed this time: the next tick tries again from the stored stage
            CouldNotAdvance(log, e, Height, state.State.Stage);
        }

        if (Finished)
        {
            timer?.Dispose();
            timer = null;
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }

        return Summary();
    }

    /// <inheritdoc />
    public Task<ConsensusSummary?> Describe() => Task.FromResult(state.State.Task is null ? null : Summary());

    /// <inheritdoc />
    public async Task<WorkItem?> MeasureWork(string minerId)
    {
        var now = time.GetUtcNow();
        if (state.State.Stage != ConsensusStage.Measuring || state.State.TestSplit is not { } split
            || (state.State.Measurer is { } measurer && measurer != minerId && now - state.State.MeasureIssuedAt < consensus.MeasureTimeout))
        {
            return null;
        }

        if (state.State.Measurer != minerId)
        {
            state.State.Measurer = minerId;
            state.State.MeasureIssuedAt = now;
            await state.WriteStateAsync();
        }

        var targets = ImmutableArray.CreateBuilder<MeasureTarget>();
        foreach (var commitment in state.State.Commitments.Where(c => c.Sent))
        {
            var model = commitment.Entry.Model!;
            targets.Add(new MeasureTarget(commitment.Commitment, commitment.Entry.Architecture, await blobs.ReadLink(BlobNames.Models, model.Name, consensus.MeasureTimeout), model.Sha256));
        }

        return WorkItem.Measuring(
            new MeasureJob(Height, split.Location, split.Sha256, targets.ToImmutable()),
            $"measure the pool's {targets.Count} committed models of height {Height} on the released test split");
    }

    /// <inheritdoc />
    public async Task RecordAccuracies(string minerId, ImmutableArray<TestAccuracy> accuracies)
    {
        if (state.State.Stage != ConsensusStage.Measuring || state.State.Measurer != minerId)
        {
            if (state.State.Stage > ConsensusStage.Measuring && state.State.Measurer == minerId && Matches(accuracies))
            {
                return; // a retry of the accepted measurement
            }

            throw new ArgumentException($"height {Height}: miner '{minerId}' was not given the measuring job (stage {state.State.Stage.ToString().ToLowerInvariant()})");
        }

        var sent = state.State.Commitments.Where(c => c.Sent).Select(c => c.Commitment).ToHashSet(StringComparer.Ordinal);
        if (accuracies.IsDefault || accuracies.Length != sent.Count || !accuracies.All(a => a is not null && sent.Contains(a.Commitment))
            || accuracies.Select(a => a.Commitment).Distinct(StringComparer.Ordinal).Count() != sent.Count)
        {
            throw new ArgumentException($"height {Height}: a measurement needs exactly one accuracy for each of the {sent.Count} committed models");
        }

        if (accuracies.FirstOrDefault(a => !double.IsFinite(a.Accuracy) || a.Accuracy is < 0 or > 1) is { } bad)
        {
            throw new ArgumentException($"height {Height}: accuracy {bad.Accuracy} of commitment {bad.Commitment} is not in [0, 1]");
        }

        var measured = accuracies.ToDictionary(a => a.Commitment, a => a.Accuracy, StringComparer.Ordinal);
        state.State.Commitments = [.. state.State.Commitments.Select(c => measured.TryGetValue(c.Commitment, out var accuracy) ? c with { Accuracy = accuracy } : c)];
        state.State.Stage = ConsensusStage.Revealing;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // the reminder only keeps the height alive (and restarts the timer on activation); the timer does the work
        if (timer is null && state.State.Task is not null && !Finished)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    private bool Finished => state.State.Stage == ConsensusStage.Decided && (state.State.Credited || !Won);

    private bool Won => state.State.Outcome?.Winner == consensus.ParticipantId;

    private void StartTimer() =>
        timer ??= this.RegisterGrainTimer(_ => Advance(), new GrainTimerCreationOptions(consensus.Tick, consensus.Tick) { KeepAlive = true });

    private async Task Step()
    {
        var task = state.State.Task!;
        var now = time.GetUtcNow();
        switch (state.State.Stage)
        {
            case ConsensusStage.Training when now >= state.State.CommitAt:
                await ChooseCommitments();
                await SendCommitments();
                break;
            case ConsensusStage.Committing:
                await SendCommitments();
                break;
            case ConsensusStage.Committed when await chain.TestSplit(Height) is { } split:
                state.State.TestSplit = split;
                state.State.Stage = state.State.Commitments.Any(c => c.Sent) ? ConsensusStage.Measuring : ConsensusStage.Revealed;
                await state.WriteStateAsync();
                break;
            case ConsensusStage.Measuring when now >= task.ValidationDeadline:
                // nobody measured in time: nothing can be revealed any more
                state.State.Stage = ConsensusStage.Revealed;
                await state.WriteStateAsync();
                break;
            case ConsensusStage.Revealing:
                await SendReveals();
                break;
            case ConsensusStage.Revealed when await chain.Outcome(Height) is { } outcome:
                state.State.Outcome = outcome;
                state.State.Stage = ConsensusStage.Decided;
                await state.WriteStateAsync();
                if (Won)
                {
                    metrics.BlockWon();
                }

                break;
            case ConsensusStage.Decided when Won && !state.State.Credited:
                await Credit();
                break;
        }
    }

    /// <summary>The block's best distinct models (the leaderboard's entries with a model whose bytes still hash as reported), stored before any is sent.</summary>
    private async Task ChooseCommitments()
    {
        var block = await GrainFactory.GetGrain<IBlockGrain>(Height).Describe();
        var chosen = new List<PoolCommitment>();
        foreach (var entry in (block?.Leaderboard ?? []).Where(e => e.Model is not null).DistinctBy(e => e.Architecture, StringComparer.Ordinal))
        {
            if (chosen.Count == consensus.Commitments)
            {
                break;
            }

            var bytes = await blobs.Get(BlobNames.Models, entry.Model!.Name);
            if (bytes is null || Convert.ToHexStringLower(SHA256.HashData(bytes)) != entry.Model.Sha256)
            {
                ModelChanged(log, Height, entry.Model.Name);
                continue;
            }

            chosen.Add(new PoolCommitment(entry, Commitment.Of(bytes, consensus.ParticipantId), Sent: false, Accuracy: null, Revealed: false, Refusal: null));
        }

        state.State.Commitments = chosen;
        state.State.Stage = ConsensusStage.Committing;
        await state.WriteStateAsync();
    }

    private async Task SendCommitments()
    {
        var sent = 0;
        for (var i = 0; i < state.State.Commitments.Count; i++)
        {
            var commitment = state.State.Commitments[i];
            if (commitment.Sent || commitment.Refusal is not null)
            {
                continue;
            }

            try
            {
                await chain.Commit(Height, consensus.ParticipantId, commitment.Commitment);
                state.State.Commitments[i] = commitment with { Sent = true };
                sent++;
            }
            catch (ChainRefusedException e) when (e.Reason == ChainRefusal.DuplicateCommitment)
            {
                state.State.Commitments[i] = commitment with { Sent = true }; // sent before a failure
                sent++; // that failure stored (and counted) nothing
            }
            catch (ChainRefusedException e)
            {
                state.State.Commitments[i] = commitment with { Refusal = e.Message };
            }
        }

        state.State.Stage = ConsensusStage.Committed;
        await state.WriteStateAsync();
        metrics.CommitmentsSent(sent);
    }

    private async Task SendReveals()
    {
        var sent = 0;
        for (var i = 0; i < state.State.Commitments.Count; i++)
        {
            var commitment = state.State.Commitments[i];
            if (!commitment.Sent || commitment.Revealed || commitment.Refusal is not null || commitment.Accuracy is not { } accuracy)
            {
                continue;
            }

            var model = commitment.Entry.Model!;
            var bytes = await blobs.Get(BlobNames.Models, model.Name) ?? throw new InvalidOperationException($"model {model.Name} of height {Height} disappeared");
            try
            {
                await chain.Reveal(new Reveal(Height, consensus.ParticipantId, commitment.Commitment, model.Sha256, commitment.Entry.Architecture, accuracy), bytes);
                state.State.Commitments[i] = commitment with { Revealed = true };
                sent++;
            }
            catch (ChainRefusedException e) when (e.Reason == ChainRefusal.DuplicateReveal)
            {
                state.State.Commitments[i] = commitment with { Revealed = true };
                sent++;
            }
            catch (ChainRefusedException e)
            {
                state.State.Commitments[i] = commitment with { Refusal = e.Message };
            }
        }

        state.State.Stage = ConsensusStage.Revealed;
        await state.WriteStateAsync();
        metrics.RevealsSent(sent);
    }

    /// <summary>Splits the block reward by the work units of the block's accepted episodes (read from the log) and credits it once.</summary>
    private async Task Credit()
    {
        var block = await GrainFactory.GetGrain<IBlockGrain>(Height).Describe() ?? throw new InvalidOperationException($"block {Height} is not open");
        var workUnits = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var subspace in block.Subspaces)
        {
            ImmutableArray<Interfaces.Subspaces.EpisodeEntry> page;
            long skip = 0;
            do
            {
                page = await episodes.Read(Height, subspace.Name, skip, 1000);
                foreach (var entry in page)
                {
                    workUnits[entry.MinerId] = workUnits.GetValueOrDefault(entry.MinerId) + entry.WorkUnits;
                }

                skip += page.Length;
            }
            while (page.Length == 1000);
        }

        var finder = state.State.Commitments.FirstOrDefault(c => c.Commitment == state.State.Outcome!.WinningCommitment)?.Entry.MinerId;
        var split = RewardSplit.Of(consensus.BlockReward, consensus.PoolFeeBasisPoints, consensus.FinderBonusBasisPoints, finder is not null && workUnits.ContainsKey(finder) ? finder : null, workUnits);
        await ledger.Credit(Height, split, workUnits, time.GetUtcNow());
        state.State.Credited = true;
        await state.WriteStateAsync();
    }

    private bool Matches(ImmutableArray<TestAccuracy> accuracies) =>
        !accuracies.IsDefault && accuracies.All(a => a is not null && state.State.Commitments.Any(c => c.Commitment == a.Commitment && c.Accuracy == a.Accuracy));

    private ConsensusSummary Summary() => new(
        Height,
        state.State.Stage,
        state.State.CommitAt,
        [.. state.State.Commitments],
        state.State.Measurer,
        state.State.Outcome,
        Won,
        state.State.Credited);

    [LoggerMessage(Level = LogLevel.Warning, Message = "consensus of height {Height} could not advance from {Stage}; the next tick tries again")]
    private static partial void CouldNotAdvance(ILogger logger, Exception exception, long height, ConsensusStage stage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "height {Height}: model {Model} is missing or its bytes changed; it is not committed")]
    private static partial void ModelChanged(ILogger logger, long height, string model);
}
