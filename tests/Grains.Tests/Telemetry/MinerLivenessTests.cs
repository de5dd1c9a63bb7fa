using PoNasOrleans.Grains.Telemetry;

namespace PoNasOrleans.Grains.Tests.Telemetry;

/// <summary>The incremental counts behind <c>ponas.miners</c>: statuses as the miner grain defines them, without a walk over the miners.</summary>
public sealed class MinerLivenessTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void Miners_turn_late_after_two_missed_intervals_and_gone_after_three_and_come_back_with_a_heartbeat()
    {
        var clock = new ManualClock();
        var liveness = new MinerLiveness(Interval, clock);
        liveness.Beat("a", clock.Now);
        liveness.Beat("b", clock.Now);
        Assert.Equal((2, 0, 0), liveness.Count());

        clock.Now += TimeSpan.FromSeconds(15);
        liveness.Beat("b", clock.Now);
        liveness.Beat("b", clock.Now - TimeSpan.FromSeconds(5)); // an older heartbeat changes nothing
        clock.Now += TimeSpan.FromSeconds(6); // a: 21 s without a heartbeat
        Assert.Equal((1, 1, 0), liveness.Count());

        clock.Now += TimeSpan.FromSeconds(10); // a: 31 s, b: 16 s
        Assert.Equal((1, 0, 1), liveness.Count());
        clock.Now += TimeSpan.FromSeconds(20); // a: 51 s, b: 36 s: both gone, folded into one count
        Assert.Equal((0, 0, 2), liveness.Count());

        liveness.Beat("a", clock.Now);
        Assert.Equal((1, 0, 1), liveness.Count());
        liveness.Forget("b");
        liveness.Forget("nobody");
        Assert.Equal((1, 0, 0), liveness.Count());
        liveness.Beat("c", clock.Now - TimeSpan.FromMinutes(5)); // a reactivated grain's stored heartbeat, long ago
        Assert.Equal((1, 0, 1), liveness.Count());
        liveness.Forget("a");
        liveness.Forget("c");
        Assert.Equal((0, 0, 0), liveness.Count());
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
