using PoNasOrleans.Benchmarks;

// Benchmarks that print figures; see docs/benchmarks.md for the commands and recorded results.
// FPGA, partition and controller figures are per core (the process is pinned to one core while they run);
// training and memory use two libtorch threads on both cores. "load" (not part of "all") starts Azurite and a
// silo on this machine and simulates miners against them; it alone takes options (LoadOptions.Usage).
var which = args.Length > 0 ? args[0] : "all";
LoadOptions? loadOptions = null;
if (which == "load")
{
    try
    {
        loadOptions = LoadOptions.Parse(args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"{e.Message}{Environment.NewLine}usage: {LoadOptions.Usage}");
        return 1;
    }
}
else if (args.Length > 1)
{
    Console.Error.WriteLine($"'{which}' takes no options; only load does: {LoadOptions.Usage}");
    return 1;
}

var benchmarks = new (string Name, bool OneCore, bool InAll, Action Run)[]
{
    ("fpga", true, true, FpgaBenchmark.Run),
    ("partition", true, true, PartitionBenchmark.Run),
    ("controller", true, true, ControllerBenchmark.Run),
    ("training", false, true, TrainingBenchmark.Run),
    ("memory", false, true, MemoryBenchmark.Run),
    ("load", false, false, () => LoadBenchmark.Run(loadOptions!)),
};
var chosen = benchmarks.Where(b => which == "all" ? b.InAll : b.Name == which).ToList();
if (chosen.Count == 0)
{
    Console.Error.WriteLine($"unknown benchmark '{which}' (known: {string.Join(", ", benchmarks.Select(b => b.Name))}, all)");
    return 1;
}

foreach (var (_, oneCore, _, run) in chosen)
{
    Measure.UseCores(oneCore ? 1 : Environment.ProcessorCount);
    run();
}

return 0;
