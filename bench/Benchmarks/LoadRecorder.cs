using System.Collections.Concurrent;
using System.Diagnostics;
using PoNasOrleans.Grains.Interfaces.Episodes;

namespace PoNasOrleans.Benchmarks;

/// <summary>What the load generator times.</summary>
internal enum LoadCall
{
    /// <summary>IMinerGrain.Heartbeat.</summary>
    Heartbeat,

    /// <summary>IMinerGrain.PullWork.</summary>
    Pull,

    /// <summary>The report's preparation on the miner's side: FPGA estimate and blob uploads through the issued links.</summary>
    Prepare,

    /// <summary>IMinerGrain.Report.</summary>
    Report,
}

/// <summary>
/// Every timed call of a run (start time on the run's clock, latency, success) and its failures by call and
/// exception (refusals with their reason), plus how late the scheduled calls started.
/// </summary>
internal sealed class LoadRecorder
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<Sample>[] samples = [.. Enum.GetValues<LoadCall>().Select(_ => new List<Sample>())];
    private readonly List<Sample> lags = [];
    private readonly ConcurrentDictionary<string, long> failures = new();
    private readonly ConcurrentDictionary<string, string> examples = new();
    private long acceptedReports;
    private long acceptedHeartbeats;
    private long waits;
    private long missedSlots;

    /// <summary>Time on the run's clock.</summary>
    public TimeSpan Now => clock.Elapsed;

    /// <summary>Reports the pool accepted (receipts not marked repeated), over the whole run.</summary>
    public long AcceptedReports => Interlocked.Read(ref acceptedReports);

    /// <summary>Heartbeats the pool acknowledged, over the whole run.</summary>
    public long AcceptedHeartbeats => Interlocked.Read(ref acceptedHeartbeats);

    /// <summary>Pulls answered with a wait item.</summary>
    public long Waits => Interlocked.Read(ref waits);

    /// <summary>Scheduled calls skipped because the miner's previous call of that kind was still running at their time.</summary>
    public long MissedSlots => Interlocked.Read(ref missedSlots);

    /// <summary>Failed calls by "call: exception (reason)".</summary>
    public IReadOnlyDictionary<string, long> Failures => failures;

    /// <summary>The first message of each kind of failure.</summary>
    public IReadOnlyDictionary<string, string> Examples => examples;

    /// <summary>Runs and times a call; on failure records it and returns null.</summary>
    public async Task<T?> Time<T>(LoadCall call, Func<Task<T>> action)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(action);
        var start = clock.Elapsed;
        try
        {
            var result = await action();
            Add(samples[(int)call], new Sample(start, clock.Elapsed - start, Ok: true));
            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Add(samples[(int)call], new Sample(start, clock.Elapsed - start, Ok: false));
            var kind = $"{call.ToString().ToLowerInvariant()}: {Kind(e)}";
            failures.AddOrUpdate(kind, 1, (_, n) => n + 1);
            examples.TryAdd(kind, e.Message);
            return null;
        }
    }

    public void Accepted(EpisodeReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (!receipt.Repeated)
        {
            Interlocked.Increment(ref acceptedReports);
        }
    }

    public void HeartbeatAccepted() => Interlocked.Increment(ref acceptedHeartbeats);

    public void Waited() => Interlocked.Increment(ref waits);

    public void Missed() => Interlocked.Increment(ref missedSlots);

    /// <summary>Records how late a scheduled call started (a timer that fired a little early counts as on time).</summary>
    public void Lag(TimeSpan due, TimeSpan started) => Add(lags, new Sample(started, started > due ? started - due : TimeSpan.Zero, Ok: true));

    /// <summary>The calls of one kind that started in [from, to).</summary>
    public CallStats Stats(LoadCall call, TimeSpan from, TimeSpan to) => CallStats.Of(Window(samples[(int)call], from, to), to - from);

    /// <summary>How late the scheduled calls that started in [from, to) started.</summary>
    public CallStats LagStats(TimeSpan from, TimeSpan to) => CallStats.Of(Window(lags, from, to), to - from);

    private static Sample[] Window(List<Sample> list, TimeSpan from, TimeSpan to)
    {
        lock (list)
        {
            return [.. list.Where(s => s.Start >= from && s.Start < to)];
        }
    }

    private static void Add(List<Sample> list, Sample sample)
    {
        lock (list)
        {
            list.Add(sample);
        }
    }

    private static string Kind(Exception e) => e is EpisodeRefusedException refused ? $"{nameof(EpisodeRefusedException)} ({refused.Reason})" : e.GetType().Name;
}

/// <summary>One timed call: when it started on the run's clock, how long it took, whether it succeeded.</summary>
internal readonly record struct Sample(TimeSpan Start, TimeSpan Duration, bool Ok);
