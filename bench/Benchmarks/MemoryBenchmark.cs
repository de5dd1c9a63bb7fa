using System.Diagnostics;
using PoNasOrleans.Datasets;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;
using PoNasOrleans.Training.Controller;
using PoNasOrleans.Training.Search;
using static TorchSharp.torch;

namespace PoNasOrleans.Benchmarks;

/// <summary>Resident memory of a local search after 20 and after 200 short episodes (target: within 10%).</summary>
internal static class MemoryBenchmark
{
    public static void Run()
    {
        TorchRuntime.Configure(new TorchRuntimeOptions { IntraOpThreads = 2, Device = DevicePreference.Cpu });
        var (images, _) = SyntheticCifar.Generate(new SyntheticOptions(600, 1, 3));
        var split = TrainValidationSplit.Of(images, 0.2, 3);
        using var train = ImageTensors.From(split.Train, CPU);
        using var validation = ImageTensors.From(split.Validation, CPU);
        var folder = Directory.CreateTempSubdirectory("ponas-memory-").FullName;
        try
        {
            var log = Path.Combine(folder, "run.jsonl");
            var checkpoint = Path.Combine(folder, "run.ckpt");
            var at20 = Search(20, train, validation).Start(PresetCatalog.Paper["S9"], log, checkpoint);
            var rss20 = Resident();
            var clock = Stopwatch.StartNew();
            var at200 = Search(200, train, validation).Resume(log, checkpoint);
            var rss200 = Resident();
            Console.WriteLine(
                $"memory: local search on paper:S9, 4 layers, 1 epoch of {train.Count} images per episode: resident {rss20 / 1e6:N0} MB after {at20.Episodes} episodes, " +
                $"{rss200 / 1e6:N0} MB after {at200.Episodes} ({(rss200 - rss20) / (double)rss20:+0.0%;-0.0%}); 180 episodes in {clock.Elapsed.TotalSeconds:N0} s");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static LocalSearch Search(int episodes, ImageTensors train, ImageTensors validation)
    {
        var options = new SearchOptions(4, episodes, 9, FpgaCostModels.Tiled, new FpgaConstraints(), new TrainingOptions(MaxEpochs: 1, BatchSize: 64), new ControllerOptions());
        return new LocalSearch(options, new ChildTrainer(options.Training, CPU), train, validation);
    }

    private static long Resident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
