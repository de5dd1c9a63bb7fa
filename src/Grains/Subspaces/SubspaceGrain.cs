using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PoNasOrleans.Grains.Blocks;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Grains.Telemetry;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Reports;
using PoNasOrleans.Nas.Rewards;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Grains.Subspaces;

/// <summary>
/// A subspace of a block: admits its explorer, checks every report (episode-checks.md in docs), appends accepted
/// episodes to the episode table before it acknowledges them, and keeps the summaries: best-reward curve, latest
/// checkpoint, confirmed architectures, refusal counts. The table is the log and the state a snapshot of it: a
/// change of the summaries is stored at once, a plain episode count at least every <see cref="SnapshotEvery"/>
/// episodes, and an activation rolls the snapshot forward from the log. Per-miner counts live in the miner grains,
/// so the state does not grow with the miners. It never calls its block (the block calls it while handing out
/// work; a call back would deadlock): new bests go back in the receipt.
/// </summary>
public sealed class SubspaceGrain(
    [PersistentState("subspace", "pool")] IPersistentState<SubspaceState> state,
    EpisodeTable episodes,
    ModelStore blobs,
    IOptions<PoolOptions> options,
    TimeProvider time,
    PoolMetrics metrics) : Grain, ISubspaceGrain
{
    /// <summary>Episodes after which the snapshot is stored even when only the count changed.</summary>
    private const int SnapshotEvery = 32;

    private readonly PoolOptions pool = options.Value;
    private SearchSpace? space;

    /// <summary>The episode count of the stored snapshot.</summary>
    private long storedEpisodes;

    private string Key => this.GetPrimaryKeyString();

    private string Name => Key[(Key.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private SearchSpace Space => space ??= SpaceJson.Parse(state.State.Space);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        storedEpisodes = state.State.Episodes;
        if (state.State.Task is not null)
        {
            await RollForward();
        }
    }

    /// <inheritdoc />
    public async Task Open(BlockTask task, string space, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (state.State.Task is not null)
        {
            return;
        }

        state.State.Task = task;
        state.State.Space = space;
        state.State.Deadline = deadline;
        await Store();
    }

    /// <inheritdoc />
    public async Task Close()
    {
        var now = time.GetUtcNow();
        if (state.State.Task is not null && state.State.Deadline > now)
        {
            state.State.Deadline = now;
            await Store();
        }
    }

    /// <inheritdoc />
    public async Task<SubspaceTicket> Admit(string minerId)
    {
        var task = Opened();
        if (state.State.Explorer != minerId)
        {
            state.State.Explorer = minerId;
            await Store();
        }

        return new SubspaceTicket(state.State.Explorations, state.State.Checkpoint, state.State.BestReward, state.State.Explorations >= task.EpisodesPerSubspace);
    }

    /// <inheritdoc />
    public async Task Dismiss(string minerId)
    {
        if (state.State.Explorer == minerId)
        {
            state.State.Explorer = null;
            await Store();
        }
    }

    /// <inheritdoc />
    public async Task<SubspaceReceipt> Report(string minerId, long expectedSequence, EpisodeSubmission report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (state.State.Task is null)
        {
            throw new EpisodeRefusedException(ReportRefusal.UnknownSubspace, $"subspace {Key} is not part of an open block");
        }

        if (report.Sequence >= 1 && report.Sequence < expectedSequence)
        {
            return await Repeated(minerId, report, await episodes.Find(report.Height, Name, minerId, report.Sequence));
        }

        var check = await Check(minerId, report, expectedSequence);
        if (check.Refusal is { } refusal)
        {
            // the miner grain may have lost its count after this episode was stored here: its retry is not refused
            if (report.Sequence == expectedSequence && await episodes.Find(report.Height, Name, minerId, report.Sequence) is { } stored && stored.Report == report)
            {
                return await Repeated(minerId, report, stored);
            }

            throw await Refuse(refusal, check.Message);
        }

        var entry = new EpisodeEntry(state.State.Episodes + 1, minerId, report, WorkUnits.Of(check.Architecture!, report.Feasible, report.ImagesTrained), time.GetUtcNow());
        var appended = await episodes.Append(report.Height, Name, entry);
        switch (appended.Outcome)
        {
            case AppendOutcome.Stored:
                return await Accept(entry);
            case AppendOutcome.EpisodeExists:
                return await Repeated(minerId, report, appended.Entry);
            default:
                // a row written before a failure, never acknowledged: it passed the checks, so roll forward and try again
                var rolledForward = await RollForward();
                var receipt = await Report(minerId, expectedSequence, report);
                return receipt with { Offers = rolledForward.AddRange(receipt.Offers) };
        }
    }

    /// <inheritdoc />
    public Task<SubspaceSummary?> Describe() => Task.FromResult(state.State.Task is { } task
        ? new SubspaceSummary(
            task.Height,
            Name,
            state.State.Space,
            state.State.Explorer,
            state.State.Explorations,
            state.State.Episodes,
            task.EpisodesPerSubspace,
            state.State.Confirmed.FirstOrDefault(),
            [.. state.State.Curve],
            state.State.Checkpoint,
            [.. state.State.Confirmed],
            state.State.Refusals.ToImmutableDictionary())
        : null);

    /// <inheritdoc />
    public async Task<ImmutableArray<EpisodeEntry>> Episodes(int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, 1000);
        var task = Opened();
        return await episodes.Read(task.Height, Name, skip, take);
    }

    private BlockTask Opened() => state.State.Task ?? throw new InvalidOperationException($"subspace {Key} is not part of an open block");

    /// <summary>A report with a sequence number already used: the same report again is a retry, anything else a duplicate.</summary>
    private async Task<SubspaceReceipt> Repeated(string minerId, EpisodeSubmission report, EpisodeEntry? stored)
    {
        if (stored is null || stored.Report != report)
        {
            throw await Refuse(ReportRefusal.DuplicateEpisode, $"episode {report.Sequence} of miner '{minerId}' in {Key} was already reported with different content");
        }

        // stored by an attempt that failed before this snapshot took it in: taken in now
        var offers = stored.Index > state.State.Episodes ? await RollForward() : [];

        // the first attempt may have failed after storing, before its best reached the block: offered again
        var best = state.State.Confirmed.FirstOrDefault() is { } first && first.MinerId == minerId && first.Sequence == report.Sequence ? first : null;
        return new SubspaceReceipt(Receipt(stored, repeated: true), best is null || offers.Contains(best) ? offers : offers.Add(best));
    }

    private async Task<(ReportRefusal? Refusal, string Message, Architecture? Architecture)> Check(string minerId, EpisodeSubmission report, long expectedSequence)
    {
        var task = state.State.Task!;
        var shape = new EpisodeShapeCheck(task, Key, Name, time.GetUtcNow() >= state.State.Deadline ? state.State.Deadline : null).Check(report);
        if (shape is not null)
        {
            return (shape.Value.Refusal, shape.Value.Message, null);
        }

        // exploiters are many and not listed here: their miner grains check their assignment
        if (report.Kind == EpisodeKind.Explore && state.State.Explorer != minerId)
        {
            return (ReportRefusal.NotAssigned, $"miner '{minerId}' is not assigned to explore {Key}", null);
        }

        Architecture architecture;
        try
        {
            architecture = ArchitectureJson.Parse(report.Architecture);
        }
        catch (ArchitectureFormatException e)
        {
            return (ReportRefusal.Malformed, $"episode {report.Sequence}: the architecture is not valid architecture JSON: {e.Message}", null);
        }

        var verdict = new ReportCheck(Space, task.Layers, FpgaCostModels.Get(task.FpgaModel), new FpgaConstraints(task.LutLimit, task.MinThroughput))
            .Check(new EpisodeReport(report.Sequence, architecture, report.Luts, report.Throughput, report.Feasible, report.Reward), expectedSequence);
        if (verdict.Refusal is { } refusal)
        {
            return (refusal, $"{Key}: {verdict.Message}", null);
        }

        if (report.Kind == EpisodeKind.Explore && report.ControllerEpisodes != state.State.Explorations + 1)
        {
            return (ReportRefusal.OutOfSequence, $"episode {report.Sequence}: the controller has {report.ControllerEpisodes} episodes, {Key} expects {state.State.Explorations + 1} (load its latest checkpoint)", null);
        }

        var blob = await CheckBlob(BlobNames.Checkpoints, report.Checkpoint, BlobNames.Checkpoint(task.Height, Name, minerId, report.Sequence), report.Sequence)
            ?? await CheckBlob(BlobNames.Models, report.Model, BlobNames.Model(task.Height, Name, minerId, report.Sequence), report.Sequence);
        return blob is null ? (null, "accepted", architecture) : (ReportRefusal.BlobMismatch, blob, null);
    }

    private async Task<string?> CheckBlob(string container, BlobRef? reported, string expectedName, long sequence)
    {
        if (reported is null)
        {
            return null;
        }

        if (reported.Name != expectedName)
        {
            return $"episode {sequence}: blob '{reported.Name}' is not the {container} blob issued for it ('{expectedName}')";
        }

        var actual = await blobs.Sha256Of(container, reported.Name);
        return actual is null
            ? $"episode {sequence}: {container} blob '{reported.Name}' does not exist"
            : actual != reported.Sha256 ? $"episode {sequence}: {container} blob '{reported.Name}' has SHA-256 {actual}, the report says {reported.Sha256}" : null;
    }

    /// <summary>Takes a stored entry into the summaries and stores the snapshot when they changed; a new best is returned for the block.</summary>
    private async Task<SubspaceReceipt> Accept(EpisodeEntry entry)
    {
        var (offer, changed) = Apply(entry);
        if (changed || state.State.Episodes - storedEpisodes >= SnapshotEvery)
        {
            await Store();
        }

        // once per stored log entry: a retry is answered by Repeated and counts nothing
        metrics.EpisodeAccepted(entry.Report.Kind, Name, entry.Report.Reward);
        PublishBest();
        return new SubspaceReceipt(Receipt(entry, repeated: false), offer is null ? [] : [offer]);
    }

    /// <summary>Takes in the log's entries after the snapshot (stored by attempts that failed, or not yet in the stored snapshot) and stores it; their new bests.</summary>
    private async Task<ImmutableArray<LeaderboardEntry>> RollForward()
    {
        var offers = ImmutableArray.CreateBuilder<LeaderboardEntry>();
        var task = Opened();
        ImmutableArray<EpisodeEntry> entries;
        do
        {
            entries = await episodes.Read(task.Height, Name, state.State.Episodes, 1000);
            foreach (var entry in entries)
            {
                if (Apply(entry).Offer is { } offer)
                {
                    offers.Add(offer);
                }
            }
        }
        while (entries.Length == 1000);

        if (state.State.Episodes != storedEpisodes)
        {
            await Store();
        }

        PublishBest();
        return offers.ToImmutable();
    }

    /// <summary>Takes an entry into the summaries (in memory): its leaderboard entry when it is a new best, and whether more than the count changed.</summary>
    private (LeaderboardEntry? Offer, bool Changed) Apply(EpisodeEntry entry)
    {
        var report = entry.Report;
        state.State.Episodes = entry.Index;
        var changed = false;
        if (report.Kind == EpisodeKind.Explore)
        {
            state.State.Explorations = report.ControllerEpisodes;
            state.State.Checkpoint = report.Checkpoint;
            changed = true;
        }

        var leaderboardEntry = new LeaderboardEntry(Name, entry.MinerId, report.Sequence, report.Kind, report.Architecture, report.Reward, report.Model, entry.AcceptedAt);
        var newBest = report.Feasible && report.Reward > state.State.BestReward;
        if (newBest)
        {
            state.State.Curve.Add(new CurvePoint(entry.Index, report.Reward));
        }

        if (report.Feasible && report.Reward > 0)
        {
            changed |= Ranking.Put(state.State.Confirmed, leaderboardEntry, pool.ConfirmedSize, Ranking.SameArchitecture);
        }

        return (newBest ? leaderboardEntry : null, changed || newBest);
    }

    private async Task Store()
    {
        await state.WriteStateAsync();
        storedEpisodes = state.State.Episodes;
    }

    private EpisodeReceipt Receipt(EpisodeEntry entry, bool repeated) =>
        new(Name, entry.Report.Sequence, repeated, entry.WorkUnits, state.State.BestReward);

    /// <summary>Counts a refusal (stored) and returns the exception to throw.</summary>
    private async Task<EpisodeRefusedException> Refuse(ReportRefusal reason, string message)
    {
        state.State.Refusals[reason] = state.State.Refusals.GetValueOrDefault(reason) + 1;
        await Store();
        metrics.EpisodeRefused(reason);
        return new EpisodeRefusedException(reason, message);
    }

    /// <summary>The stored best reward for the gauge <c>ponas.subspace.best_reward</c> (nothing before a feasible episode with a reward).</summary>
    private void PublishBest()
    {
        if (state.State is { Task: { } task, Confirmed.Count: > 0 })
        {
            metrics.SubspaceBest(task.Height, Name, state.State.BestReward);
        }
    }
}
