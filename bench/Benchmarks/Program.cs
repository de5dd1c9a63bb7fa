using System.Diagnostics;
using PoNasOrleans.Benchmarks;

// Benchmarks that print figures; see docs/benchmarks.md for the commands and recorded results.
// Pinned to one core so that "per core" figures mean what they say.
if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
{
    Process.GetCurrentProcess().ProcessorAffinity = 1;
}

var which = args.Length > 0 ? args[0] : "all";
var ran = false;
if (which is "fpga" or "all")
{
    FpgaBenchmark.Run();
    ran = true;
}

if (which is "partition" or "all")
{
    PartitionBenchmark.Run();
    ran = true;
}

if (!ran)
{
    Console.Error.WriteLine($"unknown benchmark '{which}' (known: fpga, partition, all)");
    return 1;
}

return 0;
