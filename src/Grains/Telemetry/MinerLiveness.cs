namespace PoNasOrleans.Grains.Telemetry;

/// <summary>
/// This silo's miners by heartbeat status for the gauge <c>ponas.miners</c>, kept as the miner grains see heartbeats:
/// counts per tenth of a heartbeat interval of the last heartbeat, so a reading adds up about thirty buckets and
/// never walks the miners. A miner is <c>active</c>, <c>late</c> after two missed intervals and <c>gone</c> after
/// three (as <c>MinerGrain</c> says, to a tenth of an interval); it is counted while its grain is active on this silo
/// and has not left, so the silos' readings add up to the pool's. Thread-safe.
/// </summary>
public sealed class MinerLiveness
{
    private const int BucketsPerInterval = 10;

    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly long width;
    private readonly Lock gate = new();

    /// <summary>Each counted miner's bucket (its last heartbeat's ticks ÷ <see cref="width"/>).</summary>
    private readonly Dictionary<string, long> buckets = new(StringComparer.Ordinal);

    /// <summary>Miners per bucket, for the buckets after <see cref="goneThrough"/>.</summary>
    private readonly Dictionary<long, int> counts = [];

    /// <summary>Buckets up to this one are gone for good (time only moves on) and counted in <see cref="gone"/>.</summary>
    private long goneThrough = long.MinValue;
    private int gone;

    /// <summary>Counts miners against <paramref name="interval"/> (the pool's heartbeat interval).</summary>
    public MinerLiveness(TimeSpan interval, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        this.interval = interval;
        this.time = time;
        width = Math.Max(1, interval.Ticks / BucketsPerInterval);
    }

    /// <summary>The miner's last heartbeat was at <paramref name="at"/> (an older one than counted changes nothing).</summary>
    public void Beat(string minerId, DateTimeOffset at)
    {
        var bucket = at.UtcTicks / width;
        lock (gate)
        {
            if (buckets.TryGetValue(minerId, out var counted))
            {
                if (counted >= bucket)
                {
                    return;
                }

                Uncount(counted);
            }

            buckets[minerId] = bucket;
            if (bucket <= goneThrough)
            {
                gone++;
            }
            else
            {
                counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
            }
        }
    }

    /// <summary>The miner is no longer counted here (it left, or its grain deactivated on this silo).</summary>
    public void Forget(string minerId)
    {
        lock (gate)
        {
            if (buckets.Remove(minerId, out var counted))
            {
                Uncount(counted);
            }
        }
    }

    /// <summary>The miners counted here by status, now.</summary>
    public (int Active, int Late, int Gone) Count()
    {
        var now = time.GetUtcNow().UtcTicks;
        int active = 0, late = 0;
        lock (gate)
        {
            foreach (var (bucket, miners) in counts.ToList())
            {
                var missed = (double)(now - (bucket * width)) / interval.Ticks;
                if (missed >= 3)
                {
                    // gone for good: folded into one count, so the buckets stay few
                    counts.Remove(bucket);
                    goneThrough = Math.Max(goneThrough, bucket);
                    gone += miners;
                }
                else if (missed >= 2)
                {
                    late += miners;
                }
                else
                {
                    active += miners;
                }
            }

            return (active, late, gone);
        }
    }

    private void Uncount(long bucket)
    {
        if (bucket <= goneThrough)
        {
            gone--;
        }
        else if (counts[bucket] == 1)
        {
            counts.Remove(bucket);
        }
        else
        {
            counts[bucket]--;
        }
    }
}
