using System.Diagnostics;

namespace PoNasOrleans.Benchmarks;

/// <summary>
/// CPU time used so far by the benchmark, the silo and Azurite. (The machine's total from /proc/stat is not used:
/// in this project's containers it came out below the sum of these three processes.)
/// </summary>
internal sealed record CpuSnapshot(TimeSpan Benchmark, TimeSpan Silo, TimeSpan Storage)
{
    public static CpuSnapshot Take(int siloProcess, int storageProcess)
    {
        using var self = Process.GetCurrentProcess();
        using var silo = Process.GetProcessById(siloProcess);
        using var storage = Process.GetProcessById(storageProcess);
        return new CpuSnapshot(self.TotalProcessorTime, silo.TotalProcessorTime, storage.TotalProcessorTime);
    }

    /// <summary>"benchmark …, silo …, Azurite … of one core" between two snapshots.</summary>
    public string Since(CpuSnapshot from, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(from);
        double Share(TimeSpan used) => used / elapsed;
        return $"benchmark {Share(Benchmark - from.Benchmark):P0}, silo {Share(Silo - from.Silo):P0}, Azurite {Share(Storage - from.Storage):P0} of one core ({Environment.ProcessorCount} cores: {Environment.ProcessorCount:P0})";
    }
}
