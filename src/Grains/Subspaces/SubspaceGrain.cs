using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
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
/// work, and a report should never wait for the block): new bests go back in the receipt.
/// Reports are checked concurrently (the grain is reentrant) and committed in groups: the checked reports that
/// arrive while one log transaction is under way are written together in the next (up to
/// <see cref="EpisodeTable.MaxBatch"/>), so that thousands of exploiting miners reporting into one subspace do not
/// queue behind one another's storage round trip. Appends, roll-forwards and the summaries they change happen one at
/// a time in log order (<see cref="InTurn"/>), and so do the state's writes.
/// </summary>
[Reentrant]
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

    /// <summary>The log's appends and roll-forwards, one at a time.</summary>
    private readonly InTurn log = new();

    /// <summary>The state's writes, one at a time.</summary>
    private readonly InTurn stores = new();

    private SearchSpace? space;

    /// <summary>Checked reports gathering for the next log transaction (null when none is gathering).</summary>
    private List<PendingEpisode>? gathering;

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
        var rolledForward = ImmutableArray<LeaderboardEntry>.Empty;
        while (true)
        {
            if (state.State.Task is null)
            {
                throw new EpisodeRefusedException(ReportRefusal.UnknownSubspace, $"subspace {Key} is not part of an open block");
            }

            if (report.Sequence >= 1 && report.Sequence < expectedSequence)
            {
                var stored = await episodes.Find(report.Height, Name, minerId, report.Sequence);
                return With(rolledForward, await log.Run(() => Repeated(minerId, report, stored)));
            }

            var check = await Check(minerId, report, expectedSequence);
            if (check.Refusal is { } refusal)
            {
                // the miner grain may have lost its count after this episode was stored here: its retry is not refused
                if (report.Sequence == expectedSequence && await episodes.Find(report.Height, Name, minerId, report.Sequence) is { } stored && stored.Report == report)
                {
                    return With(rolledForward, await log.Run(() => Repeated(minerId, report, stored)));
                }

                throw await Refuse(refusal, check.Message);
            }

            var committed = await Commit(new PendingEpisode(minerId, report, WorkUnits.Of(check.Architecture!, report.Feasible, report.ImagesTrained)));
            if (committed.Receipt is { } receipt)
            {
                return With(rolledForward.AddRange(committed.RolledForward), receipt);
            }

            // the summaries changed under it: checked again against them
            rolledForward = rolledForward.AddRange(committed.RolledForward);
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

    private static SubspaceReceipt With(ImmutableArray<LeaderboardEntry> rolledForward, SubspaceReceipt receipt) =>
        rolledForward.IsEmpty ? receipt : receipt with { Offers = rolledForward.AddRange(receipt.Offers) };

    /// <summary>Hands a checked report to the log transaction that is gathering, or starts gathering the next one.</summary>
    private Task<Committed> Commit(PendingEpisode episode)
    {
        if (gathering is { Count: < EpisodeTable.MaxBatch } open)
        {
            open.Add(episode);
            return episode.Outcome;
        }

        // its turn comes at once when the log is idle, else after the transaction under way (gathering meanwhile)
        var group = new List<PendingEpisode> { episode };
        gathering = group;
        _ = log.Run(() =>
        {
            if (gathering == group)
            {
                gathering = null;
            }

            return CommitAll(group);
        });
        return episode.Outcome;
    }

    /// <summary>
    /// Writes a group of checked reports in one log transaction and takes them in; when a row of one exists already
    /// (a retried episode stored before, or the snapshot behind its log) they go one at a time instead. Every
    /// report of the group learns its outcome, a failure included.
    /// </summary>
    private async Task CommitAll(List<PendingEpisode> group)
    {
        try
        {
            var task = Opened();
            var entries = new List<(PendingEpisode Episode, EpisodeEntry Entry)>();
            var oneByOne = new List<PendingEpisode>();
            var keys = new HashSet<(string, long)>();
            var explorations = state.State.Explorations;
            foreach (var episode in group)
            {
                if (!keys.Add((episode.MinerId, episode.Report.Sequence)))
                {
                    // the same episode twice (a retry while the first attempt waited): after the first, it finds it stored
                    oneByOne.Add(episode);
                }
                else if (!StillExplores(episode, explorations))
                {
                    episode.Complete(new Committed(null, []));
                }
                else
                {
                    explorations = episode.Report.Kind == EpisodeKind.Explore ? episode.Report.ControllerEpisodes : explorations;
                    entries.Add((episode, new EpisodeEntry(state.State.Episodes + entries.Count + 1, episode.MinerId, episode.Report, episode.WorkUnits, time.GetUtcNow())));
                }
            }

            if (entries.Count > 0 && await episodes.TryAppendAll(task.Height, Name, [.. entries.Select(e => e.Entry)]))
            {
                await Accept(entries);
            }
            else
            {
                oneByOne.InsertRange(0, entries.Select(e => e.Episode));
            }

            foreach (var episode in oneByOne)
            {
                try
                {
                    episode.Complete(await CommitOne(episode));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // its own refusal or failure: the others of the group go on
                    episode.Fail(e);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var episode in group)
            {
                episode.Fail(e);
            }
        }
    }

    /// <summary>One checked report on its own: appended and taken in, found stored already, or checked again after the log was rolled forward.</summary>
    private async Task<Committed> CommitOne(PendingEpisode episode)
    {
        if (!StillExplores(episode, state.State.Explorations))
        {
            return new Committed(null, []);
        }

        var entry = new EpisodeEntry(state.State.Episodes + 1, episode.MinerId, episode.Report, episode.WorkUnits, time.GetUtcNow());
        var appended = await episodes.Append(entry.Report.Height, Name, entry);
        return appended.Outcome switch
        {
            AppendOutcome.Stored => new Committed((await Accept([(episode, entry)]))[0], []),
            AppendOutcome.EpisodeExists => new Committed(await Repeated(episode.MinerId, episode.Report, appended.Entry), []),

            // a row written before a failure, never acknowledged: rolled forward, and the report checked again
            _ => new Committed(null, await RollForward()),
        };
    }

    /// <summary>Whether an exploration checked against the summaries still follows them (its explorer unchanged, the controller's next episode).</summary>
    private bool StillExplores(PendingEpisode episode, long explorations) =>
        episode.Report.Kind != EpisodeKind.Explore || (state.State.Explorer == episode.MinerId && episode.Report.ControllerEpisodes == explorations + 1);

    /// <summary>Takes stored entries into the summaries in log order and stores the snapshot when they changed; each report's receipt, with its new best for the block.</summary>
    private async Task<List<SubspaceReceipt>> Accept(List<(PendingEpisode Episode, EpisodeEntry Entry)> entries)
    {
        var offers = new List<LeaderboardEntry?>();
        var changed = false;
        foreach (var (_, entry) in entries)
        {
            var applied = Apply(entry);
            offers.Add(applied.Offer);
            changed |= applied.Changed;
        }

        if (changed || state.State.Episodes - storedEpisodes >= SnapshotEvery)
        {
            await Store();
        }

        var receipts = new List<SubspaceReceipt>();
        for (var i = 0; i < entries.Count; i++)
        {
            // once per stored log entry: a retry is answered by Repeated and counts nothing
            var (episode, entry) = entries[i];
            metrics.EpisodeAccepted(entry.Report.Kind, Name, entry.Report.Reward);
            var receipt = new SubspaceReceipt(Receipt(entry, repeated: false), offers[i] is { } offer ? [offer] : []);
            receipts.Add(receipt);
            episode.Complete(new Committed(receipt, []));
        }

        metrics.EpisodesCommitted(entries.Count);
        PublishBest();
        return receipts;
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

    private Task Store() => stores.Run(async () =>
    {
        var episodesStored = state.State.Episodes;
        await state.WriteStateAsync();
        storedEpisodes = Math.Max(storedEpisodes, episodesStored);
    });

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
