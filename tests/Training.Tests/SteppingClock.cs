namespace PoNasOrleans.Training.Tests;

/// <summary>A clock that advances by a fixed step each time it is read, so time budgets can be tested without timing.</summary>
internal sealed class SteppingClock(TimeSpan step) : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref ticks, step.Ticks);
}
