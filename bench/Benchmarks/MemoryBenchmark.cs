using System.Diagnostics;
using PoNasOrleans.Datasets;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;
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
            var points = new List<(long Episodes, long Resident, long Anonymous)>();
            var clock = Stopwatch.StartNew();
            foreach (var episodes in new[] { 20, 50, 100, 200, 400 })
            {
                var search = Search(episodes, train, validation);
                var outcome = points.Count == 0 ? search.Start(PresetCatalog.Paper["S9"], log, checkpoint) : search.Resume(PresetCatalog.Paper["S9"], log, checkpoint);
                var (resident, anonymous) = Resident();
                points.Add((outcome.Episodes, resident, anonymous));
            }

            var at20 = points[0];
            var at200 = points.Single(p => p.Episodes == 200);
            Console.WriteLine(
                $"memory: local search on paper:S9, 4 layers, 1 epoch of {train.Count} images per episode, {clock.Elapsed.TotalSeconds:N0} s; resident (anonymous) MB after " +
                string.Join(", ", points.Select(p => $"{p.Episodes}: {p.Resident / 1e6:N0} ({p.Anonymous / 1e6:N0})")) +
                $"; 200 vs 20 episodes: resident {Change(at20.Resident, at200.Resident)}, anonymous {Change(at20.Anonymous, at200.Anonymous)}; managed heap {GC.GetTotalMemory(true) / 1e6:N0} MB");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Replay(train, validation);
    }

    /// <summary>
    /// The same 20 architectures trained over and over (200 trainings): without new, larger architectures raising
    /// the high-water mark of the allocators, any growth here would be a leak.
    /// </summary>
    private static void Replay(ImageTensors train, ImageTensors validation)
    {
        var random = new Nas.Randomness.SeededRandom(9);
        var architectures = Enumerable.Range(0, 20).Select(_ => PresetCatalog.Paper["S9"].SampleArchitecture(4, random)).ToList();
        var trainer = new ChildTrainer(new TrainingOptions(MaxEpochs: 1, BatchSize: 64), CPU);
        var points = new List<(int Trainings, long Resident, long Anonymous)>();
        for (var i = 1; i <= 200; i++)
        {
            trainer.Train(architectures[(i - 1) % architectures.Count], train, validation, (ulong)i);
            TorchRuntime.ReleaseFreeMemory();
            if (i is 20 or 50 or 100 or 200)
            {
                var (resident, anonymous) = Resident();
                points.Add((i, resident, anonymous));
            }
        }

        Console.WriteLine(
            "memory, the same 20 architectures again and again: resident (anonymous) MB after " +
            string.Join(", ", points.Select(p => $"{p.Trainings}: {p.Resident / 1e6:N0} ({p.Anonymous / 1e6:N0})")) +
            $"; 200 vs 20 trainings: resident {Change(points[0].Resident, points[^1].Resident)}, anonymous {Change(points[0].Anonymous, points[^1].Anonymous)}");
    }

    private static LocalSearch Search(int episodes, ImageTensors train, ImageTensors validation)
    {
        var options = new SearchOptions(4, episodes, 9, FpgaCostModels.Tiled, new FpgaConstraints(), new TrainingOptions(MaxEpochs: 1, BatchSize: 64), new ControllerOptions());
        return new LocalSearch(options, new ChildTrainer(options.Training, CPU), train, validation);
    }

    private static string Change(long from, long to) => $"{(to - from) / (double)from:+0.0%;-0.0%}";

    /// <summary>Resident size, and its anonymous part (heaps; without the mapped pages of libtorch's code).</summary>
    private static (long Resident, long Anonymous) Resident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var anonymous = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024
            : 0;
        return (process.WorkingSet64, anonymous);
    }
}
