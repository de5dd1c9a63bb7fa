using System.Diagnostics;

namespace PoNasOrleans.Experiments.Pool;

/// <summary>Progress lines stamped with the time since the run started.</summary>
internal sealed class ExperimentLog(TextWriter output)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    public void Line(string text) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F0} s] {text}");
}
