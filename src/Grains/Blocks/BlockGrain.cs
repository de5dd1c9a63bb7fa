using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Options;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Supervision;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Blocks;

/// <summary>
/// A block: its task and partition, the leaderboard, and the work distribution of consensus-and-pool.md. Strong
/// miners explore one subspace each until its budget is spent, then the next unexplored one; weak miners (and
/// strong ones with nothing left to explore) exploit the block's confirmed architectures; anyone else waits.
/// Handing out exploitation reads the state only (every pull of every weak miner comes here): a miner's base
/// architecture is chosen by rendezvous hashing of its id with the confirmed entries, so it stays put while they
/// change unless its own entry leaves or a new one wins it. A task that assigns <see cref="AssignmentStrategy.ExploreOnly"/>
/// (the paper's naive assignment) ignores strength: every miner explores one subspace of the block and nobody exploits.
/// <see cref="AssignWork"/> interleaves with the block's other calls, so pulls never queue behind a leaderboard
/// write; the explorer placements it changes are guarded by <see cref="placing"/>, which <see cref="Release"/> takes too.
/// </summary>
public sealed class BlockGrain(
    [PersistentState("block", "pool")] IPersistentState<BlockState> state,
    ModelStore blobs,
    IOptions<PoolOptions> options,
    TimeProvider time) : Grain, IBlockGrain, IDisposable
{
    private readonly PoolOptions pool = options.Value;

    /// <summary>Held while explorer placements are read and changed across awaits (pulls of strong miners, releases).</summary>
    private readonly SemaphoreSlim placing = new(1, 1);

    /// <summary>Held while the state is written: interleaved calls must not write it concurrently (each write needs the previous one's ETag).</summary>
    private readonly SemaphoreSlim storing = new(1, 1);

    private long Height => this.GetPrimaryKeyLong();

    /// <inheritdoc />
    public async Task<BlockSummary> Open(BlockTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (state.State.Task is { } opened)
        {
            return opened == task ? Summary() : throw new ArgumentException($"block {Height} is open with another task");
        }

        if (task.Height != Height)
        {
            throw new ArgumentException($"block task refused: the task is for height {task.Height}, not {Height}", nameof(task));
        }

        var subspaces = BlockPartition.Split(task);
        var now = time.GetUtcNow();
        var deadline = now + task.TrainingPhase;
        foreach (var (name, space) in subspaces)
        {
            await Subspace(name).Open(task, space, deadline);
        }

        state.State.Task = task;
        state.State.OpenedAt = now;
        state.State.Deadline = deadline;
        state.State.Subspaces = [.. subspaces.Select(s => new BlockSubspace { Name = s.Name, Space = s.Space })];
        await Store();
        return Summary();
    }

    /// <inheritdoc />
    public Task<BlockSummary?> Describe() => Task.FromResult(state.State.Task is null ? null : Summary());

    /// <inheritdoc />
    public async Task<WorkItem> AssignWork(string minerId, double strength, ImmutableDictionary<string, long> lastSequences)
    {
        ArgumentNullException.ThrowIfNull(lastSequences);
        var task = state.State.Task ?? throw new EpisodeRefusedException(ReportRefusal.UnknownBlock, $"block {Height} is not open");
        if (time.GetUtcNow() >= state.State.Deadline)
        {
            return WorkItem.Wait(Height, pool.WaitRetry, $"the training phase of block {Height} is over");
        }

        var exploreOnly = task.Assignment == AssignmentStrategy.ExploreOnly;
        if (exploreOnly || strength >= task.StrongImagesPerSecond)
        {
            WorkItem? exploration;
            await placing.WaitAsync();
            try
            {
                exploration = await Explore(task, minerId, lastSequences);
            }
            finally
            {
                placing.Release();
            }

            if (exploration is not null)
            {
                return exploration;
            }
        }

        if (exploreOnly)
        {
            return WorkItem.Wait(Height, pool.WaitRetry, $"block {Height} assigns {AssignmentStrategy.ExploreOnly}: one subspace per miner and nobody exploits; this miner's subspace is spent or none is free");
        }

        if (strength < task.StrongImagesPerSecond && state.State.Subspaces.Any(s => s.Explorer == minerId && !s.Explored))
        {
            await GiveUpExploration(minerId);
        }

        if (state.State.Confirmed.Count == 0)
        {
            return WorkItem.Wait(Height, pool.WaitRetry, strength >= task.StrongImagesPerSecond
                ? "every subspace is explored or taken and no architecture is confirmed yet"
                : $"no architecture is confirmed yet for a miner of {strength:F1} images/s to exploit (exploring needs {task.StrongImagesPerSecond:F1})");
        }

        return await Exploit(task, minerId, lastSequences);
    }

    /// <inheritdoc />
    public async Task Offer(LeaderboardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var changed = Ranking.Put(state.State.Leaderboard, entry, pool.LeaderboardSize, (a, b) => a.SameEpisode(b));
        changed |= Ranking.Put(state.State.Confirmed, entry, pool.ConfirmedSize, Ranking.SameArchitecture);
        if (changed)
        {
            await Store();
        }
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<Promotion>> Release(string minerId)
    {
        await placing.WaitAsync();
        try
        {
            return await ReleasePlacements(minerId);
        }
        finally
        {
            placing.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> PrepareBackup(string subspace, string minerId)
    {
        await placing.WaitAsync();
        try
        {
            if (state.State.Subspaces.FirstOrDefault(s => s.Name == subspace) is not { Explorer: { } explorer, Explored: false, Backup: null } placement
                || explorer == minerId
                || !state.State.Subspaces.Any(s => s.Explorer == minerId)
                || state.State.Subspaces.Any(s => s.Backup == minerId))
            {
                return false;
            }

            placement.Backup = minerId;
            await Store();
            return true;
        }
        finally
        {
            placing.Release();
        }
    }

    private async Task<ImmutableArray<Promotion>> ReleasePlacements(string minerId)
    {
        foreach (var subspace in state.State.Subspaces)
        {
            await Subspace(subspace.Name).Dismiss(minerId);
        }

        var changed = false;
        foreach (var standby in state.State.Subspaces.Where(s => s.Backup == minerId))
        {
            standby.Backup = null;
            changed = true;
        }

        var promotions = ImmutableArray.CreateBuilder<Promotion>();
        foreach (var placement in state.State.Subspaces.Where(s => s.Explorer == minerId).ToList())
        {
            placement.Explorer = null;
            if (placement.Backup is { } backup && !placement.Explored)
            {
                // the backup leaves its own subspace (free for the next strong miner; its report of the episode it is
                // running is still accepted there unless another miner took it meanwhile) and continues this one
                state.State.Subspaces.Where(s => s.Explorer == backup).ToList().ForEach(s => s.Explorer = null);
                placement.Explorer = backup;
            }

            placement.Backup = null;
            promotions.Add(new Promotion(time.GetUtcNow(), Height, placement.Name, minerId, placement.Explorer));
            changed = true;
        }

        if (changed)
        {
            await Store();
        }

        return promotions.ToImmutable();
    }

    /// <inheritdoc />
    public async Task<BlockSummary> Close()
    {
        if (state.State.Task is null)
        {
            throw new ArgumentException($"block {Height} is not open");
        }

        var now = time.GetUtcNow();
        if (state.State.Deadline > now)
        {
            foreach (var subspace in state.State.Subspaces)
            {
                await Subspace(subspace.Name).Close();
            }

            state.State.Deadline = now;
            await Store();
        }

        return Summary();
    }

    /// <summary>
    /// A miner whose measured speed fell below the strong threshold while it explored gives its subspaces up (its later
    /// exploration reports there are refused), so that they do not stall while it exploits: the next strong miner
    /// continues them from their latest checkpoint.
    /// </summary>
    private async Task GiveUpExploration(string minerId)
    {
        await placing.WaitAsync();
        try
        {
            foreach (var placement in state.State.Subspaces.Where(s => s.Explorer == minerId && !s.Explored))
            {
                await Subspace(placement.Name).Dismiss(minerId);
                placement.Explorer = null;
            }

            await Store();
        }
        finally
        {
            placing.Release();
        }
    }

    /// <summary>
    /// The miner's exploration: its current subspace while budget remains, else the next free one (under
    /// <see cref="AssignmentStrategy.ExploreOnly"/> only for a miner with no episode in this block yet); null when none is left.
    /// </summary>
    private async Task<WorkItem?> Explore(BlockTask task, string minerId, ImmutableDictionary<string, long> lastSequences)
    {
        var mayMove = task.Assignment != AssignmentStrategy.ExploreOnly || lastSequences.IsEmpty;
        while ((state.State.Subspaces.FirstOrDefault(s => s.Explorer == minerId && !s.Explored)
               ?? (mayMove ? state.State.Subspaces.FirstOrDefault(s => s.Explorer is null && !s.Explored) : null)) is { } placement)
        {
            var subspace = Subspace(placement.Name);
            var ticket = await subspace.Admit(minerId);
            if (ticket.Explored)
            {
                await subspace.Dismiss(minerId);
                placement.Explored = true;
                placement.Explorer = null;
                placement.Backup = null;
                await Store();
                continue;
            }

            if (placement.Explorer != minerId)
            {
                placement.Explorer = minerId;
                await Store();
            }

            var sequence = lastSequences.GetValueOrDefault(placement.Name) + 1;
            var checkpointName = BlobNames.Checkpoint(Height, placement.Name, minerId, sequence);
            var item = await Item(WorkKind.Explore, task, placement, sequence, ticket.Best, minerId, task.Epochs, null, SeedDerivation.Derive(task.Seed, placement.Name));
            return item with
            {
                ControllerEpisodes = ticket.ControllerEpisodes,
                Checkpoint = ticket.Checkpoint,
                CheckpointDownload = ticket.Checkpoint is { } latest ? await blobs.ReadLink(BlobNames.Checkpoints, latest.Name, pool.LinkLifetime) : null,
                CheckpointUpload = await blobs.WriteLink(BlobNames.Checkpoints, checkpointName, pool.LinkLifetime),
                CheckpointName = checkpointName,
                Reason = $"explore {placement.Name}: episode {ticket.ControllerEpisodes + 1} of {task.EpisodesPerSubspace}",
            };
        }

        return null;
    }

    /// <summary>Exploitation around one of the confirmed architectures, chosen by rendezvous hashing of the miner's id (no state is written).</summary>
    private async Task<WorkItem> Exploit(BlockTask task, string minerId, ImmutableDictionary<string, long> lastSequences)
    {
        // rendezvous hashing: each miner takes the entry it hashes highest with, so a change of the list moves only
        // the miners of the entries that left and the share a new entry wins (fewer reassignments, fewer writes)
        var confirmed = state.State.Confirmed.MaxBy(c => SeedDerivation.Derive(task.Seed, minerId, c.Subspace, c.MinerId, c.Sequence.ToString(CultureInfo.InvariantCulture)))!;
        var placement = state.State.Subspaces.Single(s => s.Name == confirmed.Subspace);
        var sequence = lastSequences.GetValueOrDefault(placement.Name) + 1;
        var best = state.State.Confirmed.First(c => c.Subspace == placement.Name).Reward;
        var seed = SeedDerivation.Derive(task.Seed, placement.Name, minerId, sequence.ToString(CultureInfo.InvariantCulture));
        var item = await Item(WorkKind.Exploit, task, placement, sequence, best, minerId, task.ExploitEpochs, confirmed.Architecture, seed);
        return item with
        {
            Reason = $"exploit around {confirmed.Subspace}'s confirmed architecture of reward {confirmed.Reward:F4} (miner '{confirmed.MinerId}', episode {confirmed.Sequence})",
        };
    }

    private async Task<WorkItem> Item(WorkKind kind, BlockTask task, BlockSubspace placement, long sequence, double best, string minerId, int epochs, string? baseArchitecture, ulong seed)
    {
        var modelName = BlobNames.Model(Height, placement.Name, minerId, sequence);
        return new WorkItem(
            kind, Height, placement.Name, placement.Space, task.Layers, task.FpgaModel, task.LutLimit, task.MinThroughput, epochs,
            sequence, 0, null, null, null, null,
            await blobs.WriteLink(BlobNames.Models, modelName, pool.LinkLifetime),
            modelName, baseArchitecture, best, seed, task.EpisodeTimeBudget, TimeSpan.Zero, "");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        placing.Dispose();
        storing.Dispose();
    }

    private async Task Store()
    {
        await storing.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            storing.Release();
        }
    }

    private ISubspaceGrain Subspace(string name) => GrainFactory.GetGrain<ISubspaceGrain>($"{Height}/{name}");

    private BlockSummary Summary() => new(
        state.State.Task!,
        time.GetUtcNow() >= state.State.Deadline ? BlockPhase.Closed : BlockPhase.Training,
        state.State.OpenedAt,
        state.State.Deadline,
        [.. state.State.Subspaces.Select(s => new SubspacePlacement(s.Name, s.Space, s.Explorer, s.Explored, s.Backup))],
        [.. state.State.Leaderboard],
        [.. state.State.Confirmed]);
}
