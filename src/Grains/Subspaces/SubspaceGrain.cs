using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PoNasOrleans.Grains.Blocks;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Reports;
using PoNasOrleans.Nas.Rewards;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Grains.Subspaces;

/// <summary>
/// A subspace of a block: admits its explorer and exploiters, checks every report (episode-checks.md in docs),
/// appends accepted episodes to the episode table before it acknowledges them, and keeps the summaries: per-miner
/// tallies, best-reward curve, latest checkpoint, confirmed architectures, refusal counts. It never calls its block
/// (the block calls it while handing out work; a call back would deadlock): new bests go back in the receipt.
/// </summary>
public sealed class SubspaceGrain(
    [PersistentState("subspace", "pool")] IPersistentState<SubspaceState> state,
    EpisodeTable episodes,
    ModelStore blobs,
    IOptions<PoolOptions> options,
    TimeProvider time) : Grain, ISubspaceGrain
{
    private readonly PoolOptions pool = options.Value;
    private SearchSpace? space;

    private string Key => this.GetPrimaryKeyString();

    private string Name => Key[(Key.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private SearchSpace Space => space ??= SpaceJson.Parse(state.State.Space);

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
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task Close()
    {
        var now = time.GetUtcNow();
        if (state.State.Task is not null && state.State.Deadline > now)
        {
            state.State.Deadline = now;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task<SubspaceTicket> Admit(string minerId, EpisodeKind kind)
    {
        var task = Opened();
        bool changed;
        if (kind == EpisodeKind.Explore)
        {
            changed = state.State.Explorer != minerId;
            state.State.Explorer = minerId;
        }
        else
        {
            changed = state.State.Exploiters.Add(minerId);
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        return new SubspaceTicket(
            Tally(minerId).LastSequence + 1,
            state.State.Explorations,
            state.State.Checkpoint,
            state.State.BestReward,
            state.State.Explorations >= task.EpisodesPerSubspace);
    }

    /// <inheritdoc />
    public async Task Dismiss(string minerId)
    {
        var changed = state.State.Exploiters.Remove(minerId);
        if (state.State.Explorer == minerId)
        {
            state.State.Explorer = null;
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task<SubspaceReceipt> Report(string minerId, EpisodeSubmission report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (state.State.Task is null)
        {
            throw new EpisodeRefusedException(ReportRefusal.UnknownSubspace, $"subspace {Key} is not part of an open block");
        }

        var tally = Tally(minerId);
        if (report.Sequence >= 1 && report.Sequence <= tally.LastSequence)
        {
            return await Repeated(minerId, report);
        }

        var check = await Check(minerId, report, tally);
        if (check.Refusal is { } refusal)
        {
            throw await Refuse(refusal, check.Message);
        }

        var entry = new EpisodeEntry(state.State.Episodes + 1, minerId, report, WorkUnits.Of(check.Architecture!, report.Feasible, report.ImagesTrained), time.GetUtcNow());
        var stored = await episodes.Append(report.Height, Name, entry);
        if (stored.MinerId != minerId || stored.Report != report)
        {
            // a row written before a failure, never acknowledged: it passed the checks, so roll it forward and try again
            var rolledForward = await Accept(stored);
            var receipt = await Report(minerId, report);
            return receipt with { Offers = rolledForward.Offers.AddRange(receipt.Offers) };
        }

        return await Accept(stored);
    }

    /// <inheritdoc />
    public Task<SubspaceSummary?> Describe() => Task.FromResult(state.State.Task is { } task
        ? new SubspaceSummary(
            task.Height,
            Name,
            state.State.Space,
            state.State.Explorer,
            [.. state.State.Exploiters.Order(StringComparer.Ordinal)],
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

    private MinerTally Tally(string minerId) => state.State.Miners.GetValueOrDefault(minerId) ?? new MinerTally();

    /// <summary>A report with a sequence number already used: the same report again is a retry, anything else a duplicate.</summary>
    private async Task<SubspaceReceipt> Repeated(string minerId, EpisodeSubmission report)
    {
        var stored = await episodes.Find(report.Height, Name, minerId, report.Sequence);
        if (stored is null || stored.Report != report)
        {
            throw await Refuse(ReportRefusal.DuplicateEpisode, $"episode {report.Sequence} of miner '{minerId}' in {Key} was already reported with different content");
        }

        // the first attempt may have failed after storing, before its best reached the block: offered again
        var best = state.State.Confirmed.FirstOrDefault() is { } first && first.MinerId == minerId && first.Sequence == report.Sequence ? first : null;
        return new SubspaceReceipt(Receipt(stored, repeated: true), best is null ? [] : [best]);
    }

    private async Task<(ReportRefusal? Refusal, string Message, Architecture? Architecture)> Check(string minerId, EpisodeSubmission report, MinerTally tally)
    {
        var task = state.State.Task!;
        var shape = new EpisodeShapeCheck(task, Key, Name, time.GetUtcNow() >= state.State.Deadline ? state.State.Deadline : null).Check(report);
        if (shape is not null)
        {
            return (shape.Value.Refusal, shape.Value.Message, null);
        }

        var assigned = report.Kind == EpisodeKind.Explore ? state.State.Explorer == minerId : state.State.Exploiters.Contains(minerId);
        if (!assigned)
        {
            return (ReportRefusal.NotAssigned, $"miner '{minerId}' is not assigned to {report.Kind.ToString().ToLowerInvariant()} {Key}", null);
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
            .Check(new EpisodeReport(report.Sequence, architecture, report.Luts, report.Throughput, report.Feasible, report.Reward), tally.LastSequence + 1);
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

    /// <summary>Applies a stored entry to the summaries and stores them; a new best is returned for the block.</summary>
    private async Task<SubspaceReceipt> Accept(EpisodeEntry entry)
    {
        var report = entry.Report;
        var tally = state.State.Miners.TryGetValue(entry.MinerId, out var known) ? known : state.State.Miners[entry.MinerId] = new MinerTally();
        tally.LastSequence = report.Sequence;
        tally.Episodes++;
        tally.WorkUnits += entry.WorkUnits;
        state.State.Episodes = entry.Index;
        if (report.Kind == EpisodeKind.Explore)
        {
            state.State.Explorations = report.ControllerEpisodes;
            state.State.Checkpoint = report.Checkpoint;
        }

        var leaderboardEntry = new LeaderboardEntry(Name, entry.MinerId, report.Sequence, report.Kind, report.Architecture, report.Reward, report.Model, entry.AcceptedAt);
        var newBest = report.Feasible && report.Reward > state.State.BestReward;
        if (newBest)
        {
            state.State.Curve.Add(new CurvePoint(entry.Index, report.Reward));
        }

        if (report.Feasible && report.Reward > 0)
        {
            Ranking.Put(state.State.Confirmed, leaderboardEntry, pool.ConfirmedSize, Ranking.SameArchitecture);
        }

        await state.WriteStateAsync();
        return new SubspaceReceipt(Receipt(entry, repeated: false), newBest ? [leaderboardEntry] : []);
    }

    private EpisodeReceipt Receipt(EpisodeEntry entry, bool repeated) =>
        new(Name, entry.Report.Sequence, repeated, entry.WorkUnits, Tally(entry.MinerId).WorkUnits, state.State.BestReward);

    /// <summary>Counts a refusal (stored) and returns the exception to throw.</summary>
    private async Task<EpisodeRefusedException> Refuse(ReportRefusal reason, string message)
    {
        state.State.Refusals[reason] = state.State.Refusals.GetValueOrDefault(reason) + 1;
        await state.WriteStateAsync();
        return new EpisodeRefusedException(reason, message);
    }
}
