using Microsoft.Extensions.Logging;
using PoNasOrleans.Grains.Interfaces.Chain;

namespace PoNasOrleans.Grains.Chain;

/// <summary>
/// The devnet chain: publishes height h + 1 (its task with fresh deadlines from now, and its test split) once height h
/// is decided. A grain timer ticks at the schedule's period, which can be far below the reminders' minute; a
/// reminder every minute brings the devnet back (and so its timer, in <see cref="OnActivateAsync"/>) after a
/// deactivation or a silo restart. A tick publishes only when the current height is decided, so a repeated or late
/// tick changes nothing. The new height is stored here before its grain is opened: when opening fails, the next tick
/// opens it again with the same task (acknowledged as the same).
/// </summary>
public sealed partial class DevnetGrain(
    [PersistentState("devnet", "pool")] IPersistentState<DevnetState> state,
    ILogger<DevnetGrain> logger,
    TimeProvider time) : Grain, IDevnetGrain, IRemindable
{
    private const string ReminderName = "devnet";

    /// <summary>The reminder's period: Orleans' shortest (the timer does the fast ticking).</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? timer;
    private TimeSpan timerPeriod;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { Running: true, Schedule: { } schedule })
        {
            Tick(schedule.TickPeriod);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<DevnetStatus> Start(DevnetSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Check();
        if (!state.State.Running || state.State.Schedule != schedule)
        {
            state.State.Schedule = schedule;
            state.State.Running = true;
            await state.WriteStateAsync();
        }

        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        Tick(schedule.TickPeriod);
        await Publish();
        return await Status();
    }

    /// <inheritdoc />
    public async Task<DevnetStatus> Pause()
    {
        timer?.Dispose();
        timer = null;
        if (state.State.Running)
        {
            state.State.Running = false;
            await state.WriteStateAsync();
        }

        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return await Status();
    }

    /// <inheritdoc />
    public async Task<DevnetStatus> Status()
    {
        if (state.State.CurrentHeight is not { } height)
        {
            return new DevnetStatus(state.State.Running, null, null, null, false, state.State.Schedule);
        }

        var view = await Height(height).Describe();
        return new DevnetStatus(state.State.Running, height, state.State.Task, view?.Phase ?? state.State.Task?.PhaseAt(time.GetUtcNow()), view?.Decided ?? false, state.State.Schedule);
    }

    /// <inheritdoc />
    public async Task<DevnetStatus> Advance()
    {
        await Publish();
        return await Status();
    }

    /// <inheritdoc />
    public async Task<ValidatorClaim?> PullClaim() =>
        state.State.CurrentHeight is { } height ? await Height(height).ClaimToJudge() : null;

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State is { Running: true, Schedule: { } schedule })
        {
            Tick(schedule.TickPeriod);
            await Publish();
        }
        else if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Publishes the next height when the devnet runs and its current height is decided (the first height when none is published).</summary>
    private async Task Publish()
    {
        if (state.State is not { Running: true, Schedule: { } schedule })
        {
            return;
        }

        if (state.State.CurrentHeight is not { } current)
        {
            await Publish(schedule, 1);
            return;
        }

        var view = await Height(current).Describe();
        if (view is null && state.State is { Task: { } task, TestSplit: { } split })
        {
            // stored here, but the height grain was not opened (a failure in between): open it with the same task
            await Height(current).Open(task, split);
        }
        else if (view is { Decided: true })
        {
            await Publish(schedule, current + 1);
        }
    }

    private async Task Publish(DevnetSchedule schedule, long height)
    {
        var split = schedule.TestSplit ?? await Task.Run(() => SyntheticData.Test(schedule.TestSeed + (ulong)height, schedule.TestImages));
        var task = schedule.TaskAt(height, time.GetUtcNow());
        state.State.CurrentHeight = height;
        state.State.Task = task;
        state.State.TestSplit = split;
        await state.WriteStateAsync();
        await Height(height).Open(task, split);
        LogPublished(height, task.TrainingDeadline, task.ValidationDeadline);
    }

    /// <summary>Makes the timer tick at <paramref name="period"/> (starting it when it is not running).</summary>
    private void Tick(TimeSpan period)
    {
        if (timer is not null)
        {
            if (period != timerPeriod)
            {
                timer.Change(period, period);
                timerPeriod = period;
            }

            return;
        }

        timer = this.RegisterGrainTimer(_ => Publish(), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        timerPeriod = period;
    }

    private IHeightGrain Height(long height) => GrainFactory.GetGrain<IHeightGrain>(height);

    [LoggerMessage(Level = LogLevel.Information, Message = "devnet: published height {Height} (training deadline {TrainingDeadline:O}, validation deadline {ValidationDeadline:O})")]
    private partial void LogPublished(long height, DateTimeOffset trainingDeadline, DateTimeOffset validationDeadline);
}
