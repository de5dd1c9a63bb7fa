using PoNasOrleans.Benchmarks;

// Benchmarks that print figures; see docs/benchmarks.md for the commands and recorded results.
// FPGA, partition and controller figures are per core (the process is pinned to one core while they run);
// training and memory use two libtorch threads on both cores.
var benchmarks = new (string Name, bool OneCore, Action Run)[]
{
    ("fpga", true, FpgaBenchmark.Run),
    ("partition", true, PartitionBenchmark.Run),
    ("controller", true, ControllerBenchmark.Run),
    ("training", false, TrainingBenchmark.Run),
    ("memory", false, MemoryBenchmark.Run),
};
var which = args.Length > 0 ? args[0] : "all";
var chosen = benchmarks.Where(b => which == "all" || b.Name == which).ToList();
if (chosen.Count == 0)
{
    Console.Error.WriteLine($"unknown benchmark '{which}' (known: {string.Join(", ", benchmarks.Select(b => b.Name))}, all)");
    return 1;
}

foreach (var (_, oneCore, run) in chosen)
{
    Measure.UseCores(oneCore ? 1 : Environment.ProcessorCount);
    run();
}

return 0;
