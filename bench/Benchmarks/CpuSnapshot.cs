using System.Diagnostics;
using System.Globalization;

namespace PoNasOrleans.Benchmarks;

/// <summary>CPU time used so far by the benchmark, the silo, Azurite, and the whole machine (all processes, from /proc/stat).</summary>
internal sealed record CpuSnapshot(TimeSpan Benchmark, TimeSpan Silo, TimeSpan Storage, TimeSpan Machine)
{
    /// <summary>Clock ticks per second of /proc/stat (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(int siloProcess, int storageProcess)
    {
        using var self = Process.GetCurrentProcess();
        using var silo = Process.GetProcessById(siloProcess);
        using var storage = Process.GetProcessById(storageProcess);
        return new CpuSnapshot(self.TotalProcessorTime, silo.TotalProcessorTime, storage.TotalProcessorTime, MachineBusy());
    }

    /// <summary>"benchmark …, silo …, Azurite …, other processes … of one core" between two snapshots.</summary>
    public string Since(CpuSnapshot from, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(from);
        double Share(TimeSpan used) => used / elapsed;
        var (benchmark, silo, storage) = (Benchmark - from.Benchmark, Silo - from.Silo, Storage - from.Storage);
        var machine = Machine - from.Machine;
        var other = machine == TimeSpan.Zero ? "" : $", other processes {Share(machine - benchmark - silo - storage):P0}";
        return $"benchmark {Share(benchmark):P0}, silo {Share(silo):P0}, Azurite {Share(storage):P0}{other} of one core ({Environment.ProcessorCount} cores: {Environment.ProcessorCount:P0})";
    }

    /// <summary>Busy CPU time of all cores (everything but idle and I/O wait), or zero where /proc/stat is missing.</summary>
    private static TimeSpan MachineBusy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields.Sum() - fields[3] - fields[4] - (fields.Length > 9 ? fields[8] + fields[9] : 0);
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
