using System.Globalization;
using Microsoft.Extensions.Options;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Blocks;

/// <summary>
/// A block: its task and partition, the leaderboard, and the work distribution of consensus-and-pool.md. Strong
/// miners explore one subspace each until its budget is spent, then the next unexplored one; weak miners (and
/// strong ones with nothing left to explore) exploit the block's confirmed architectures; anyone else waits.
/// </summary>
public sealed class BlockGrain(
    [PersistentState("block", "pool")] IPersistentState<BlockState> state,
    ModelStore blobs,
    IOptions<PoolOptions> options,
    TimeProvider time) : Grain, IBlockGrain
{
    private readonly PoolOptions pool = options.Value;

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
        await state.WriteStateAsync();
        return Summary();
    }

    /// <inheritdoc />
    public Task<BlockSummary?> Describe() => Task.FromResult(state.State.Task is null ? null : Summary());

    /// <inheritdoc />
    public async Task<WorkItem> AssignWork(string minerId, double strength)
    {
        var task = state.State.Task ?? throw new EpisodeRefusedException(ReportRefusal.UnknownBlock, $"block {Height} is not open");
        if (time.GetUtcNow() >= state.State.Deadline)
        {
            return WorkItem.Wait(Height, pool.WaitRetry, $"the training phase of block {Height} is over");
        }

        if (strength >= task.StrongImagesPerSecond)
        {
            var exploration = await Explore(task, minerId);
            if (exploration is not null)
            {
                return exploration;
            }
        }

        if (state.State.Confirmed.Count == 0)
        {
            return WorkItem.Wait(Height, pool.WaitRetry, strength >= task.StrongImagesPerSecond
                ? "every subspace is explored or taken and no architecture is confirmed yet"
                : $"no architecture is confirmed yet for a miner of {strength:F1} images/s to exploit (exploring needs {task.StrongImagesPerSecond:F1})");
        }

        return await Exploit(task, minerId);
    }

    /// <inheritdoc />
    public async Task Offer(LeaderboardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var changed = Ranking.Put(state.State.Leaderboard, entry, pool.LeaderboardSize, (a, b) => a.SameEpisode(b));
        changed |= Ranking.Put(state.State.Confirmed, entry, pool.ConfirmedSize, Ranking.SameArchitecture);
        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task Release(string minerId)
    {
        foreach (var subspace in state.State.Subspaces)
        {
            await Subspace(subspace.Name).Dismiss(minerId);
        }

        var explored = state.State.Subspaces.Where(s => s.Explorer == minerId).ToList();
        explored.ForEach(s => s.Explorer = null);
        if (explored.Count > 0)
        {
            await state.WriteStateAsync();
        }
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
            await state.WriteStateAsync();
        }

        return Summary();
    }

    /// <summary>The miner's exploration: its current subspace while budget remains, else the next free one; null when none is left.</summary>
    private async Task<WorkItem?> Explore(BlockTask task, string minerId)
    {
        while ((state.State.Subspaces.FirstOrDefault(s => s.Explorer == minerId && !s.Explored)
               ?? state.State.Subspaces.FirstOrDefault(s => s.Explorer is null && !s.Explored)) is { } placement)
        {
            var subspace = Subspace(placement.Name);
            var ticket = await subspace.Admit(minerId, EpisodeKind.Explore);
            if (ticket.Explored)
            {
                await subspace.Dismiss(minerId);
                placement.Explored = true;
                placement.Explorer = null;
                await state.WriteStateAsync();
                continue;
            }

            if (placement.Explorer != minerId)
            {
                placement.Explorer = minerId;
                await state.WriteStateAsync();
            }

            var checkpointName = BlobNames.Checkpoint(Height, placement.Name, minerId, ticket.Sequence);
            var item = await Item(WorkKind.Explore, task, placement, ticket, minerId, task.Epochs, null, SeedDerivation.Derive(task.Seed, placement.Name));
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

    /// <summary>Exploitation of the confirmed architectures in turn.</summary>
    private async Task<WorkItem> Exploit(BlockTask task, string minerId)
    {
        var confirmed = state.State.Confirmed[(int)(state.State.ExploitsIssued % state.State.Confirmed.Count)];
        state.State.ExploitsIssued++;
        await state.WriteStateAsync();
        var placement = state.State.Subspaces.Single(s => s.Name == confirmed.Subspace);
        var ticket = await Subspace(placement.Name).Admit(minerId, EpisodeKind.Exploit);
        var seed = SeedDerivation.Derive(task.Seed, placement.Name, minerId, ticket.Sequence.ToString(CultureInfo.InvariantCulture));
        var item = await Item(WorkKind.Exploit, task, placement, ticket, minerId, task.ExploitEpochs, confirmed.Architecture, seed);
        return item with
        {
            Reason = $"exploit around {confirmed.Subspace}'s confirmed architecture of reward {confirmed.Reward:F4} (miner '{confirmed.MinerId}', episode {confirmed.Sequence})",
        };
    }

    private async Task<WorkItem> Item(WorkKind kind, BlockTask task, BlockSubspace placement, SubspaceTicket ticket, string minerId, int epochs, string? baseArchitecture, ulong seed)
    {
        var modelName = BlobNames.Model(Height, placement.Name, minerId, ticket.Sequence);
        return new WorkItem(
            kind, Height, placement.Name, placement.Space, task.Layers, task.FpgaModel, task.LutLimit, task.MinThroughput, epochs,
            ticket.Sequence, 0, null, null, null, null,
            await blobs.WriteLink(BlobNames.Models, modelName, pool.LinkLifetime),
            modelName, baseArchitecture, ticket.Best, seed, task.EpisodeTimeBudget, TimeSpan.Zero, "");
    }

    private ISubspaceGrain Subspace(string name) => GrainFactory.GetGrain<ISubspaceGrain>($"{Height}/{name}");

    private BlockSummary Summary() => new(
        state.State.Task!,
        time.GetUtcNow() >= state.State.Deadline ? BlockPhase.Closed : BlockPhase.Training,
        state.State.OpenedAt,
        state.State.Deadline,
        [.. state.State.Subspaces.Select(s => new SubspacePlacement(s.Name, s.Space, s.Explorer, s.Explored))],
        [.. state.State.Leaderboard],
        [.. state.State.Confirmed]);
}
