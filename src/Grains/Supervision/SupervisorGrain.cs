using System.Collections.Immutable;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Supervision;
using PoNasOrleans.Grains.Telemetry;
using PoNasOrleans.Nas.Supervision;

namespace PoNasOrleans.Grains.Supervision;

/// <summary>
/// The supervisor (docs/supervisor.md): a grain timer ticks every period (a one-minute reminder restarts it after a
/// failure or deactivation); a tick reads the current block's subspaces, splits their explorers' best rewards into
/// high and low groups (<see cref="RewardGroups"/>) and appends a point to the deviation series when the block or its
/// episode count changed. An explorer that is gone (status <see cref="MinerStatus.Gone"/>: no heartbeat for three
/// intervals) loses its subspace (<see cref="IBlockGrain.Release"/>) to its backup, or to the next strong miner to
/// pull, which continues it from its latest checkpoint; the gone miner's late reports are refused. When the deviation
/// rose since the block's last point, or a high-reward explorer runs late, low-reward explorers are prepared as warm
/// standbys of high-reward subspaces (<see cref="IBlockGrain.PrepareBackup"/>, <see cref="IMinerGrain.Standby"/>). A repeated or missed tick changes nothing but
/// the timing of the points and promotions.
/// </summary>
public sealed class SupervisorGrain(
    [PersistentState("supervisor", "pool")] IPersistentState<SupervisorState> state,
    TimeProvider time,
    PoolMetrics metrics) : Grain, ISupervisorGrain, IRemindable
{
    private const string ReminderName = "supervise";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? timer;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        StartTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<SupervisorSummary> Start(TimeSpan period)
    {
        if (period <= TimeSpan.Zero || period > ReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"the supervisor's period must be in (0, {ReminderPeriod}]");
        }

        if (state.State.Period != period)
        {
            state.State.Period = period;
            await state.WriteStateAsync();
            timer?.Dispose();
            timer = null;
        }

        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        StartTimer();
        return Summary();
    }

    /// <inheritdoc />
    public async Task<SupervisorSummary> Advance()
    {
        if (await GrainFactory.GetGrain<IPoolGrain>(IPoolGrain.Key).CurrentHeight() is not { } height
            || await GrainFactory.GetGrain<IBlockGrain>(height).Describe() is not { } block)
        {
            return Summary();
        }

        var bests = new List<MinerBest>();
        var statuses = new Dictionary<string, MinerStatus>(StringComparer.Ordinal);
        long episodes = 0;
        var changed = false;
        var promoted = 0;
        foreach (var placement in block.Subspaces)
        {
            if (placement.Explorer is { } explorer && (statuses[explorer] = (await GrainFactory.GetGrain<IMinerGrain>(explorer).Describe()).Status) == MinerStatus.Gone)
            {
                var promotions = await GrainFactory.GetGrain<IBlockGrain>(height).Release(explorer);
                promoted += promotions.Length;
                changed |= Add(state.State.Promotions, promotions);
            }

            if (await GrainFactory.GetGrain<ISubspaceGrain>($"{height}/{placement.Name}").Describe() is { } subspace)
            {
                episodes += subspace.Episodes;
                if (subspace.Best is { } best)
                {
                    bests.Add(new MinerBest(subspace.Explorer ?? subspace.Name, subspace.Name, best.Reward));
                }
                else if (subspace.Explorer is { } searching && subspace.Explorations > 0)
                {
                    bests.Add(new MinerBest(searching, subspace.Name, 0)); // explored, nothing feasible yet: reward 0, as the paper gives infeasible candidates
                }
            }
        }

        var groups = RewardGroups.Of(bests.Select(b => b.Reward));
        var ordered = bests.OrderByDescending(b => b.Reward).ThenBy(b => b.Subspace, StringComparer.Ordinal).ToList();
        var (high, low) = (ordered[..groups.High.Length], ordered[groups.High.Length..]);
        var last = state.State.Series.LastOrDefault();
        var rose = false;
        if (last is null || last.Height != height || last.Episodes != episodes)
        {
            rose = last is not null && last.Height == height && groups.HighDeviation > last.Deviation;
            state.State.Height = height;
            state.State.High = high;
            state.State.Low = low;
            state.State.Series.Add(new DeviationPoint(time.GetUtcNow(), height, episodes, groups.High.Length, groups.Low.Length, groups.HighDeviation));
            Trim(state.State.Series);
            changed = true;
        }

        // backups for every high-reward subspace when the deviation rose, else for those whose explorer runs late
        var late = high.Where(b => statuses.GetValueOrDefault(b.MinerId) == MinerStatus.Late).ToList();
        var prepared = rose || late.Count > 0 ? await PrepareBackups(height, rose ? high : late, low, statuses, rose ? BackupReason.DeviationRose : BackupReason.HeartbeatsLate) : 0;
        changed |= prepared > 0;

        if (changed)
        {
            await state.WriteStateAsync();
        }

        // metrics after the store: a tick that failed before it counts nothing
        metrics.BackupPromoted(promoted);
        metrics.BackupPrepared(prepared);
        metrics.HighGroupDeviation(state.State.Series.LastOrDefault()?.Deviation ?? 0);
        return Summary();
    }

    /// <inheritdoc />
    public async Task Record(ImmutableArray<Promotion> promotions)
    {
        if (Add(state.State.Promotions, promotions))
        {
            await state.WriteStateAsync();
            metrics.BackupPromoted(promotions.Length);
        }
    }

    /// <inheritdoc />
    public Task<SupervisorSummary> Describe() => Task.FromResult(Summary());

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        StartTimer();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Makes active low-reward explorers (lowest reward first) the warm standbys of the given high-reward subspaces
    /// that have none; answers how many were prepared.
    /// </summary>
    private async Task<int> PrepareBackups(long height, List<MinerBest> subspaces, List<MinerBest> low, Dictionary<string, MinerStatus> statuses, BackupReason reason)
    {
        var block = GrainFactory.GetGrain<IBlockGrain>(height);
        var placements = (await block.Describe())!.Subspaces;
        var standing = placements.Where(p => p.Backup is not null).Select(p => p.Backup!).ToHashSet(StringComparer.Ordinal);
        var candidates = new Queue<string>(low
            .OrderBy(b => b.Reward)
            .Select(b => b.MinerId)
            .Where(m => statuses.GetValueOrDefault(m) == MinerStatus.Active && !standing.Contains(m)));
        var prepared = 0;
        foreach (var target in subspaces)
        {
            if (placements.FirstOrDefault(p => p.Name == target.Subspace) is not { Explorer: { } explorer, Backup: null })
            {
                continue;
            }

            while (candidates.TryDequeue(out var backup))
            {
                if (await block.PrepareBackup(target.Subspace, backup))
                {
                    await GrainFactory.GetGrain<IMinerGrain>(backup).Standby(height, target.Subspace);
                    Add(state.State.Backups, [new BackupPreparation(time.GetUtcNow(), height, target.Subspace, explorer, backup, reason)]);
                    prepared++;
                    break;
                }
            }
        }

        return prepared;
    }

    private static bool Add<T>(List<T> items, ImmutableArray<T> added)
    {
        items.AddRange(added);
        Trim(items);
        return added.Length > 0;
    }

    private static void Trim<T>(List<T> items)
    {
        if (items.Count > ISupervisorGrain.SeriesLength)
        {
            items.RemoveRange(0, items.Count - ISupervisorGrain.SeriesLength);
        }
    }

    private void StartTimer()
    {
        if (timer is null && state.State.Period is { } period)
        {
            timer = this.RegisterGrainTimer(_ => Advance(), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        }
    }

    private SupervisorSummary Summary() => new(
        state.State.Height,
        [.. state.State.High],
        [.. state.State.Low],
        state.State.Series.LastOrDefault()?.Deviation ?? 0,
        [.. state.State.Series],
        [.. state.State.Promotions],
        [.. state.State.Backups]);
}
