namespace PoNasOrleans.Grains.Subspaces;

/// <summary>
/// Runs asynchronous operations one at a time, in the order they were handed in, inside a grain whose calls
/// interleave: an operation starts when the one before it has ended, whether that succeeded or failed. Not
/// thread-safe: it is used on one activation's scheduler, as grain code always runs. (The miner and block grains,
/// whose writes need no order, take a SemaphoreSlim around each write; the subspace's log appends must keep the
/// order in which they were handed in, which this states and keeps.)
/// </summary>
internal sealed class InTurn
{
    private Task last = Task.CompletedTask;

    /// <summary>Runs <paramref name="operation"/> after the operations handed in before it.</summary>
    public Task Run(Func<Task> operation)
    {
        var next = After(last, operation);
        last = next;
        return next;
    }

    /// <summary>Runs <paramref name="operation"/> after the operations handed in before it; its result.</summary>
    public async Task<T> Run<T>(Func<Task<T>> operation)
    {
        T result = default!;
        await Run(async () => { result = await operation(); });
        return result;
    }

    private static async Task After(Task previous, Func<Task> operation)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        await operation();
    }
}
