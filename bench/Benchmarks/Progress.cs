using System.Globalization;

namespace PoNasOrleans.Benchmarks;

/// <summary>Where a long benchmark run is, on standard error with the time of day (the figures go to standard output).</summary>
internal static class Progress
{
    public static void Report(string message) =>
        Console.Error.WriteLine($"[{DateTimeOffset.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");
}
