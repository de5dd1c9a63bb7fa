using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Telemetry;

/// <summary>
/// The pool's own metrics, one meter <see cref="MeterName"/> per silo (docs/telemetry.md lists every instrument). Tags
/// are bounded: kinds, refusal reasons, subspace names and miner statuses, never miner ids. The grains count a change
/// only after it is stored (a retried call that stores nothing counts nothing); gauges are read from what this silo
/// holds in memory, so a reading costs no storage or grain call.
/// </summary>
public sealed class PoolMetrics
{
    /// <summary>The meter's name (OpenTelemetry: <c>AddMeter(PoolMetrics.MeterName)</c>).</summary>
    public const string MeterName = "PoNasOrleans";

    /// <summary>Bucket boundaries of reward histograms: rewards are accuracies in [0, 1], the interesting ones high.</summary>
    private static readonly double[] RewardBuckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1];

    private readonly Counter<long> accepted;
    private readonly Counter<long> refused;
    private readonly Histogram<double> rewards;
    private readonly Histogram<long> commitSizes;
    private readonly Counter<long> backupsPrepared;
    private readonly Counter<long> backupsPromoted;
    private readonly Counter<long> commitments;
    private readonly Counter<long> reveals;
    private readonly Counter<long> blocksWon;
    private readonly Lock gate = new();

    /// <summary>The newest block whose subspace bests this silo has seen, and those bests.</summary>
    private readonly Dictionary<string, double> bests = new(StringComparer.Ordinal);
    private long bestsHeight;
    private double? highGroupDeviation;

    /// <summary>Creates the meter from the silo's <paramref name="meters"/>; miners' statuses use the pool's heartbeat interval.</summary>
    public PoolMetrics(IMeterFactory meters, IOptions<PoolOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        Meter = meters.Create(MeterName);
        Miners = new MinerLiveness(options.Value.HeartbeatInterval, time);
        accepted = Meter.CreateCounter<long>("ponas.episodes.accepted", "{episode}", "Episodes accepted (stored in the episode log), by kind");
        refused = Meter.CreateCounter<long>("ponas.episodes.refused", "{episode}", "Episode reports refused, by reason (the ReportRefusal name)");
        rewards = Meter.CreateHistogram("ponas.subspace.reward", "1", "Rewards of accepted episodes, by subspace", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RewardBuckets });
        commitSizes = Meter.CreateHistogram("ponas.episodes.commit_size", "{episode}", "Episodes written by one transaction of a subspace's episode log (group commit)", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 50] });
        Meter.CreateObservableGauge("ponas.subspace.best_reward", ObserveBests, "1", "Best reward of each subspace of the newest block this silo hosts subspaces of");
        Meter.CreateObservableGauge("ponas.supervisor.high_group_deviation", ObserveDeviation, "1", "Standard deviation of the high reward group at the supervisor's last tick (on the supervisor's silo)");
        Meter.CreateObservableGauge("ponas.miners", ObserveMiners, "{miner}", "Miners by heartbeat status (active, late, gone) whose grains this silo hosts");
        backupsPrepared = Meter.CreateCounter<long>("ponas.backups.prepared", "{backup}", "Backup miners prepared by the supervisor");
        backupsPromoted = Meter.CreateCounter<long>("ponas.backups.promoted", "{promotion}", "Subspaces taken from a gone explorer for the next miner (promotions)");
        commitments = Meter.CreateCounter<long>("ponas.consensus.commitments", "{commitment}", "Commitments the pool sent to the chain");
        reveals = Meter.CreateCounter<long>("ponas.consensus.reveals", "{reveal}", "Reveals the pool sent to the chain");
        blocksWon = Meter.CreateCounter<long>("ponas.blocks.won", "{block}", "Heights the chain decided for the pool");
    }

    /// <summary>The meter (tests listen to this instance only).</summary>
    public Meter Meter { get; }

    /// <summary>This silo's miners by heartbeat status (the miner grains report their heartbeats here).</summary>
    public MinerLiveness Miners { get; }

    /// <summary>An episode was stored in the log: counted by kind, its reward recorded for its subspace.</summary>
    public void EpisodeAccepted(EpisodeKind kind, string subspace, double reward)
    {
        accepted.Add(1, new KeyValuePair<string, object?>("kind", kind == EpisodeKind.Explore ? "explore" : "exploit"));
        rewards.Record(reward, new KeyValuePair<string, object?>("subspace", subspace));
    }

    /// <summary>One transaction of a subspace's episode log wrote <paramref name="episodes"/> episodes.</summary>
    public void EpisodesCommitted(int episodes) => commitSizes.Record(episodes);

    /// <summary>A report was refused (and the refusal counted in the grain's stored state).</summary>
    public void EpisodeRefused(ReportRefusal reason) => refused.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    /// <summary>The stored best reward of a subspace of block <paramref name="height"/>; a newer block replaces the older one's bests.</summary>
    public void SubspaceBest(long height, string subspace, double reward)
    {
        lock (gate)
        {
            if (height > bestsHeight)
            {
                bests.Clear();
                bestsHeight = height;
            }

            if (height == bestsHeight)
            {
                bests[subspace] = reward;
            }
        }
    }

    /// <summary>The high group's standard deviation the supervisor stored at its last tick.</summary>
    public void HighGroupDeviation(double deviation)
    {
        lock (gate)
        {
            highGroupDeviation = deviation;
        }
    }

    /// <summary>The supervisor prepared a backup miner for a subspace.</summary>
    public void BackupPrepared(int count = 1) => Add(backupsPrepared, count);

    /// <summary>The supervisor stored <paramref name="count"/> promotions (a gone explorer's subspace released for the next miner).</summary>
    public void BackupPromoted(int count = 1) => Add(backupsPromoted, count);

    /// <summary>The consensus stored <paramref name="count"/> more commitments as sent.</summary>
    public void CommitmentsSent(int count) => Add(commitments, count);

    /// <summary>The consensus stored <paramref name="count"/> more reveals as sent.</summary>
    public void RevealsSent(int count) => Add(reveals, count);

    /// <summary>The consensus stored the chain's decision that the pool won its height.</summary>
    public void BlockWon() => blocksWon.Add(1);

    private static void Add(Counter<long> counter, int count)
    {
        if (count > 0)
        {
            counter.Add(count);
        }
    }

    private List<Measurement<double>> ObserveBests()
    {
        lock (gate)
        {
            return [.. bests.Select(best => new Measurement<double>(best.Value, new KeyValuePair<string, object?>("subspace", best.Key)))];
        }
    }

    private List<Measurement<double>> ObserveDeviation()
    {
        lock (gate)
        {
            return highGroupDeviation is { } deviation ? [new Measurement<double>(deviation)] : [];
        }
    }

    private Measurement<int>[] ObserveMiners()
    {
        var (active, late, gone) = Miners.Count();
        return
        [
            new(active, new KeyValuePair<string, object?>("status", "active")),
            new(late, new KeyValuePair<string, object?>("status", "late")),
            new(gone, new KeyValuePair<string, object?>("status", "gone")),
        ];
    }
}
