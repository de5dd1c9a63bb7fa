namespace PoNasOrleans.Training.Controller;

/// <summary>
/// The REINFORCE baseline of the reference: the mean of the rewards seen while fewer than <c>window</c> exist,
/// afterwards an exponential moving average with factor 2/window.
/// </summary>
public sealed class RewardBaseline
{
    private readonly int window;

    /// <summary>Starts with no reward seen.</summary>
    public RewardBaseline(int window)
        : this(window, 0, 0)
    {
    }

    private RewardBaseline(int window, long count, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        this.window = window;
        Count = count;
        Value = value;
    }

    /// <summary>Rewards seen.</summary>
    public long Count { get; private set; }

    /// <summary>The current baseline (0 before any reward).</summary>
    public double Value { get; private set; }

    /// <summary>Restores a baseline saved as (count, value).</summary>
    public static RewardBaseline Restore(int window, long count, double value) => new(window, count, value);

    /// <summary>Returns the advantage of a reward against the baseline from before it, then takes the reward in.</summary>
    public double Advance(double reward)
    {
        var advantage = reward - Value;
        Count++;
        Value = Count < window ? Value + ((reward - Value) / Count) : Value + ((2.0 / window) * (reward - Value));
        return advantage;
    }
}
