using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Randomness;

namespace PoNasOrleans.Benchmarks;

/// <summary>
/// A miner without training, calling its miner grain through the gateway exactly as an agent does: heartbeats
/// with an increasing sequence, and episodes that pull work, prepare an honest report (<see cref="HonestEpisode"/>:
/// the pool's own FPGA estimate, a checkpoint upload when exploring, a model upload when the reward beats the
/// subspace's best) and report it. A strong miner explores a subspace; a weak one exploits confirmed architectures.
/// </summary>
internal sealed class SimulatedMiner(string id, string credential, IMinerGrain grain, bool strong, ulong seed)
{
    /// <summary>Speed × budget of a strong miner: far above the load task's 11,574 images/s needed to explore.</summary>
    private static readonly MinerStrength StrongMiner = new(1e6, 1);

    /// <summary>Speed × budget of a weak miner (the paper's weak miners get a tenth of the time budget).</summary>
    private static readonly MinerStrength WeakMiner = new(0.001, 0.1);

    /// <summary>How long the uploads of a report may take (as long as Orleans waits for a call's response).</summary>
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromSeconds(30);

    private readonly SeededRandom random = new(seed);
    private long heartbeat;

    public string Id => id;

    public bool Strong => strong;

    private MinerStrength Strength => strong ? StrongMiner : WeakMiner;

    public Task<MinerStrength> Calibrate() => grain.Calibrate(credential, Strength);

    public async Task Heartbeat(LoadRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var sequence = Interlocked.Increment(ref heartbeat);
        if (await recorder.Time(LoadCall.Heartbeat, () => grain.Heartbeat(credential, sequence)) is not null)
        {
            recorder.HeartbeatAccepted();
        }
    }

    /// <summary>One episode: pull, prepare, report; a wait item ends it early. A feasible architecture earns a random reward in [0.05, 0.95).</summary>
    public async Task Episode(LoadRecorder recorder, int trainImages, double? reward = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var item = await recorder.Time(LoadCall.Pull, () => grain.PullWork(credential));
        if (item is null)
        {
            return;
        }

        if (item.Kind == WorkKind.Wait)
        {
            recorder.Waited();
            return;
        }

        double claimed;
        ulong architectureSeed;
        lock (random)
        {
            claimed = reward ?? (0.05 + (0.9 * random.NextDouble()));
            architectureSeed = random.NextUInt64();
        }

        // the training time its calibrated speed implies, so the pool's running estimate of its strength stays put
        var seconds = (double)item.Epochs * trainImages / Strength.ImagesPerSecond;
        var report = await recorder.Time(LoadCall.Prepare, async () =>
        {
            using var timeout = new CancellationTokenSource(UploadTimeout);
            return await HonestEpisode.Report(item, claimed, trainImages, architectureSeed, withModel: claimed > item.SubspaceBest, seconds, timeout.Token);
        });
        if (report is null)
        {
            return;
        }

        if (await recorder.Time(LoadCall.Report, () => grain.Report(credential, report)) is { } receipt)
        {
            recorder.Accepted(receipt);
        }
    }
}
