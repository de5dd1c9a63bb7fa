namespace PoNasOrleans.Benchmarks;

/// <summary>Calls of one kind that started in a window: how many, how many succeeded per second, latency percentiles (milliseconds) of the successful ones.</summary>
internal sealed record CallStats(int Calls, int Failed, double PerSecond, double P50, double P99, double Max)
{
    public static CallStats Of(IReadOnlyList<Sample> samples, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var latencies = samples.Where(s => s.Ok).Select(s => s.Duration.TotalMilliseconds).Order().ToArray();
        var perSecond = latencies.Length / window.TotalSeconds;
        return latencies.Length == 0
            ? new CallStats(samples.Count, samples.Count, 0, 0, 0, 0)
            : new CallStats(samples.Count, samples.Count - latencies.Length, perSecond, Measure.Percentile(latencies, 0.5), Measure.Percentile(latencies, 0.99), latencies[^1]);
    }

    /// <summary>"N calls (F failed), R/s succeeded, p50 … ms, p99 … ms, max … ms".</summary>
    public string Describe() => $"{Calls,7:N0} calls ({Failed:N0} failed), {PerSecond,7:N1}/s succeeded, p50 {P50,6:N1} ms, p99 {P99,8:N1} ms, max {Max,8:N1} ms";
}
