using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Training;
using PoNasOrleans.Training.Controller;

namespace PoNasOrleans.Benchmarks;

/// <summary>Controller cost for 6 layers: one sample, and one REINFORCE update of 5 rollouts (target: together under 20 ms).</summary>
internal static class ControllerBenchmark
{
    private const int Updates = 60;

    public static void Run()
    {
        TorchRuntime.Configure(new TorchRuntimeOptions { IntraOpThreads = 1, Device = DevicePreference.Cpu });
        using var controller = new ArchitectureController(PresetCatalog.Paper.Full, 6, seed: 1);
        var samples = new List<double>();
        var updates = new List<double>();
        var random = new Nas.Randomness.SeededRandom(2);
        for (var update = 0; update < Updates + 5; update++)
        {
            for (var rollout = 0; rollout < controller.Options.RolloutsPerUpdate; rollout++)
            {
                ControllerSample? sample = null;
                var sampled = Measure.Once(() => sample = controller.Sample());
                var recorded = Measure.Once(() => controller.Record(sample!, random.NextDouble()));
                if (update >= 5)
                {
                    samples.Add(sampled.TotalMilliseconds);
                    if (rollout == controller.Options.RolloutsPerUpdate - 1)
                    {
                        updates.Add(recorded.TotalMilliseconds);
                    }
                }
            }
        }

        samples.Sort();
        updates.Sort();
        var sampleMedian = Measure.Percentile([.. samples], 0.5);
        var updateMedian = Measure.Percentile([.. updates], 0.5);
        Console.WriteLine(
            $"controller: 6 layers (60 tokens), full paper space: sample median {sampleMedian:F2} ms (p99 {Measure.Percentile([.. samples], 0.99):F2}), " +
            $"update of 5 rollouts median {updateMedian:F2} ms (p99 {Measure.Percentile([.. updates], 0.99):F2}); sample + update {sampleMedian + updateMedian:F2} ms, " +
            $"5 samples + update {(5 * sampleMedian) + updateMedian:F2} ms");
    }
}
