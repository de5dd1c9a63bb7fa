using System.Diagnostics;

namespace PoNasOrleans.Benchmarks;

/// <summary>Timing helpers: per-call latencies in microseconds and their percentiles.</summary>
internal static class Measure
{
    public static double[] Latencies<T>(IReadOnlyList<T> inputs, Action<T> action)
    {
        var latencies = new double[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action(inputs[i]);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(latencies);
        return latencies;
    }

    public static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(fraction * sorted.Length))];

    /// <summary>Pins the process to its first <paramref name="cores"/> cores (where the platform allows).</summary>
    public static void UseCores(int cores)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            using var process = Process.GetCurrentProcess();
            process.ProcessorAffinity = (nint)((1L << cores) - 1);
        }
    }

    public static TimeSpan Once(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start);
    }
}
