namespace PoNasOrleans.Benchmarks;

/// <summary>
/// Runs one kind of call for every miner once per period, the miners' start times spread evenly over the
/// period in a random order. A miner's calls of one kind never overlap: a call whose slot came while the previous
/// one still ran starts late (its lag is recorded), and a slot more than a period late is skipped and counted as
/// missed, so the offered rate is only sustained when nothing is missed.
/// </summary>
internal sealed class MinerSchedule : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] loops;

    private MinerSchedule(IReadOnlyList<SimulatedMiner> miners, TimeSpan period, Func<SimulatedMiner, Task> call, LoadRecorder recorder, int seed)
    {
        var order = Enumerable.Range(0, miners.Count).ToArray();
        new Random(seed).Shuffle(order);
        var start = recorder.Now;
        loops = [.. miners.Select((miner, i) => Loop(miner, start + (period * order[i] / miners.Count), period, call, recorder))];
    }

    /// <summary>Starts the loops; they run until <see cref="Stop"/>.</summary>
    public static MinerSchedule Start(IReadOnlyList<SimulatedMiner> miners, TimeSpan period, Func<SimulatedMiner, Task> call, LoadRecorder recorder, int seed) =>
        new(miners, period, call, recorder, seed);

    /// <summary>Starts no new call and waits for the calls under way to end.</summary>
    public async Task Stop()
    {
        await stop.CancelAsync();
        await Task.WhenAll(loops);
    }

    public void Dispose() => stop.Dispose();

    private async Task Loop(SimulatedMiner miner, TimeSpan due, TimeSpan period, Func<SimulatedMiner, Task> call, LoadRecorder recorder)
    {
        var token = stop.Token;
        while (true)
        {
            var wait = due - recorder.Now;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (token.IsCancellationRequested)
            {
                return;
            }

            recorder.Lag(due, recorder.Now);
            await call(miner);
            due += period;
            while (due + period < recorder.Now)
            {
                recorder.Missed();
                due += period;
            }
        }
    }
}
