using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Benchmarks;

/// <summary>FPGA estimate latency of 6-layer architectures drawn from the paper's full space (target: median ≤ 2 ms).</summary>
internal static class FpgaBenchmark
{
    private const int Architectures = 10_000;

    public static void Run()
    {
        var random = new SeededRandom(2022);
        var inputs = Enumerable.Range(0, Architectures).Select(_ => PresetCatalog.Paper.Full.SampleArchitecture(6, random)).ToList();
        var constraints = new FpgaConstraints();
        foreach (var name in FpgaCostModels.Names)
        {
            var model = FpgaCostModels.Get(name);
            Measure.Latencies(inputs.Take(500).ToList(), a => model.Estimate(a, constraints)); // warm-up
            var feasible = 0;
            var elapsed = Measure.Once(() => feasible = inputs.Count(a => model.Estimate(a, constraints).Feasible));
            var latencies = Measure.Latencies(inputs, a => model.Estimate(a, constraints));
            Console.WriteLine(
                $"fpga {name,-9}: {Architectures} random 6-layer full-space architectures, " +
                $"{Architectures / elapsed.TotalSeconds:N0} architectures/s, " +
                $"median {Measure.Percentile(latencies, 0.5):N1} µs, p99 {Measure.Percentile(latencies, 0.99):N1} µs, max {latencies[^1]:N1} µs, " +
                $"{feasible} feasible");
        }
    }
}
