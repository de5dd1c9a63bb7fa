using System.Collections.Immutable;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Supervision;
using PoNasOrleans.Nas.Supervision;

namespace PoNasOrleans.Grains.Supervision;

/// <summary>
/// The supervisor (docs/supervisor.md): a grain timer ticks every period (a one-minute reminder restarts it after a
/// failure or deactivation); a tick reads the current block's subspaces, splits their explorers' best rewards into
/// high and low groups (<see cref="RewardGroups"/>) and appends a point to the deviation series when the block or its
/// episode count changed. An explorer that is gone (status <see cref="MinerStatus.Gone"/>: no heartbeat for three
/// intervals) loses its subspace (<see cref="IBlockGrain.Release"/>): the next strong miner to pull continues it from
/// its latest checkpoint, and the gone miner's late reports are refused. A repeated or missed tick changes nothing but
/// the timing of the points and promotions.
/// </summary>
public sealed class SupervisorGrain(
    [PersistentState("supervisor", "pool")] IPersistentState<SupervisorState> state,
    TimeProvider time) : Grain, ISupervisorGrain, IRemindable
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
        long episodes = 0;
        var promoted = false;
        foreach (var placement in block.Subspaces)
        {
            if (placement.Explorer is { } explorer && (await GrainFactory.GetGrain<IMinerGrain>(explorer).Describe()).Status == MinerStatus.Gone)
            {
                await GrainFactory.GetGrain<IBlockGrain>(height).Release(explorer);
                state.State.Promotions.Add(new Promotion(time.GetUtcNow(), height, placement.Name, explorer));
                Trim(state.State.Promotions);
                promoted = true;
            }

            if (await GrainFactory.GetGrain<ISubspaceGrain>($"{height}/{placement.Name}").Describe() is { } subspace)
            {
                episodes += subspace.Episodes;
                if (subspace.Best is { } best)
                {
                    bests.Add(new MinerBest(subspace.Explorer ?? subspace.Name, subspace.Name, best.Reward));
                }
            }
        }

        if (state.State.Series.LastOrDefault() is { } last && last.Height == height && last.Episodes == episodes)
        {
            if (promoted)
            {
                await state.WriteStateAsync();
            }

            return Summary(); // no new point since nothing changed: a repeated tick
        }

        var groups = RewardGroups.Of(bests.Select(b => b.Reward));
        var ordered = bests.OrderByDescending(b => b.Reward).ThenBy(b => b.Subspace, StringComparer.Ordinal).ToList();
        state.State.Height = height;
        state.State.High = ordered[..groups.High.Length];
        state.State.Low = ordered[groups.High.Length..];
        state.State.Series.Add(new DeviationPoint(time.GetUtcNow(), height, episodes, groups.High.Length, groups.Low.Length, groups.HighDeviation));
        Trim(state.State.Series);

        await state.WriteStateAsync();
        return Summary();
    }

    /// <inheritdoc />
    public Task<SupervisorSummary> Describe() => Task.FromResult(Summary());

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        StartTimer();
        return Task.CompletedTask;
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
        [.. state.State.Promotions]);
}
