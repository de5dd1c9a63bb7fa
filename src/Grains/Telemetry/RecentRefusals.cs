namespace PoNasOrleans.Grains.Telemetry;

/// <summary>
/// The last <see cref="Capacity"/> refusals of the miner grains on this silo, in memory since the silo started (a
/// restart forgets them; the stored counts are the miners' <c>RefusedCalls</c> and the subspaces' refusals by
/// reason). Thread-safe; adding never blocks on I/O.
/// </summary>
public sealed class RecentRefusals(TimeProvider time)
{
    /// <summary>Refusals kept (the oldest are dropped).</summary>
    public const int Capacity = 200;

    /// <summary>Characters of a refusal's detail kept.</summary>
    public const int MaxDetail = 500;

    /// <summary>Reason of a call with another miner's credential, or none.</summary>
    public const string WrongCredential = nameof(WrongCredential);

    /// <summary>Reason of any other refused call of a miner (stale heartbeat, bad calibration, pulls after leaving, a second registration).</summary>
    public const string CallRefused = nameof(CallRefused);

    /// <summary>Reason of a validator's measurement the chain refused (the detail starts with the chain's reason).</summary>
    public const string MeasurementRefused = nameof(MeasurementRefused);

    /// <summary>Reason of test accuracies the pool's consensus refused.</summary>
    public const string AccuraciesRefused = nameof(AccuraciesRefused);

    private readonly RecentRefusal[] ring = new RecentRefusal[Capacity];
    private readonly Lock gate = new();
    private int next;
    private int count;

    /// <summary>Records a refusal now.</summary>
    public void Add(string minerId, string reason, string detail)
    {
        var refusal = new RecentRefusal(time.GetUtcNow(), minerId, reason, detail.Length > MaxDetail ? string.Concat(detail.AsSpan(0, MaxDetail - 1), "…") : detail);
        lock (gate)
        {
            ring[next] = refusal;
            next = (next + 1) % Capacity;
            count = Math.Min(count + 1, Capacity);
        }
    }

    /// <summary>The newest <paramref name="take"/> refusals (at most as many as kept), newest first.</summary>
    public IReadOnlyList<RecentRefusal> Newest(int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        lock (gate)
        {
            var newest = new RecentRefusal[Math.Min(take, count)];
            for (var i = 0; i < newest.Length; i++)
            {
                newest[i] = ring[(next - 1 - i + Capacity) % Capacity];
            }

            return newest;
        }
    }
}
