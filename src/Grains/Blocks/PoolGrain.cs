using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Consensus;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Consensus;

namespace PoNasOrleans.Grains.Blocks;

/// <summary>
/// The pool: opens blocks one height after another and tells miner grains which block is current. Following a
/// chain (<see cref="ConsensusOptions.Follow"/>), it opens a block for each height the chain publishes and starts
/// the pool's consensus of it; a grain timer polls the chain and a reminder keeps the pool following after failures.
/// </summary>
public sealed partial class PoolGrain(
    [PersistentState("pool", "pool")] IPersistentState<PoolState> state,
    IOptions<ConsensusOptions> options,
    TimeProvider time,
    ILogger<PoolGrain> log) : Grain, IPoolGrain, IRemindable
{
    private const string ReminderName = "follow";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly ConsensusOptions consensus = options.Value;
    private IGrainTimer? timer;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Following)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<BlockSummary> OpenBlock(BlockTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var current = state.State.CurrentHeight;
        if (current is { } height && task.Height < height)
        {
            throw new ArgumentException($"block task refused: height {task.Height} is below the current height {height}", nameof(task));
        }

        var summary = await GrainFactory.GetGrain<IBlockGrain>(task.Height).Open(task);
        if (current != task.Height)
        {
            if (current is { } previous)
            {
                await GrainFactory.GetGrain<IBlockGrain>(previous).Close();
            }

            state.State.CurrentHeight = task.Height;
            await state.WriteStateAsync();
        }

        return summary;
    }

    /// <inheritdoc />
    public Task<long?> CurrentHeight() => Task.FromResult(state.State.CurrentHeight);

    /// <inheritdoc />
    public async Task Follow()
    {
        if (ServiceProvider.GetService<IChainClient>() is null)
        {
            throw new InvalidOperationException("the silo has no chain client to follow (enable the devnet, or register a chain client)");
        }

        if (!state.State.Following)
        {
            state.State.Following = true;
            await state.WriteStateAsync();
        }

        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        StartTimer();
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Following)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    private void StartTimer() =>
        timer ??= this.RegisterGrainTimer(_ => TakeUpNewHeight(), new GrainTimerCreationOptions(TimeSpan.Zero, consensus.Tick) { KeepAlive = true });

    /// <summary>Opens the block and starts the consensus of a height the chain published after the current one.</summary>
    private async Task TakeUpNewHeight()
    {
        try
        {
            var task = await ServiceProvider.GetRequiredService<IChainClient>().CurrentTask();
            if (task is null || task.Height < (state.State.CurrentHeight ?? 0))
            {
                return;
            }

            if (task.Height > (state.State.CurrentHeight ?? 0))
            {
                await OpenBlock(consensus.BlockFor(task, time.GetUtcNow()));
            }

            // also after a failure between opening the block and starting its consensus (Start is idempotent)
            await GrainFactory.GetGrain<IConsensusGrain>(task.Height).Start(task);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            CouldNotTakeUp(log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "the pool could not take up the chain's current height; it tries again at the next tick")]
    private static partial void CouldNotTakeUp(ILogger logger, Exception exception);
}
