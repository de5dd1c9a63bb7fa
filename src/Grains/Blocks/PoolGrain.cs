using PoNasOrleans.Grains.Interfaces.Blocks;

namespace PoNasOrleans.Grains.Blocks;

/// <summary>The pool: opens blocks one height after another and tells miner grains which block is current.</summary>
public sealed class PoolGrain([PersistentState("pool", "pool")] IPersistentState<PoolState> state) : Grain, IPoolGrain
{
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
}
