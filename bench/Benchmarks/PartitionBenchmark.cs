using PoNasOrleans.Nas.Partitioning;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Benchmarks;

/// <summary>Partitions of the paper's full space for 1,000 miners (target: under 1 s each) and their metrics.</summary>
internal static class PartitionBenchmark
{
    private const int Miners = 1000;

    public static void Run()
    {
        var full = PresetCatalog.Paper.Full;
        foreach (var name in Partitioners.Names)
        {
            var partitioner = Partitioners.Get(name);
            partitioner.Split(full, 10, 0); // warm-up
            Partition? partition = null;
            var split = Measure.Once(() => partition = partitioner.Split(full, Miners, 1));
            PartitionMetrics? metrics = null;
            var measured = Measure.Once(() => metrics = PartitionMeasure.Measure(partition!));
            Console.WriteLine(
                $"partition {name,-10}: {Miners} miners in {split.TotalMilliseconds:N1} ms; metrics in {measured.TotalMilliseconds:N1} ms: " +
                $"coverage {metrics!.Coverage:P2}, mean overlap {metrics.MeanPairwiseOverlap:F4}, max overlap {metrics.MaxPairwiseOverlap:F4}, " +
                $"size spread {metrics.SizeSpread:F2} (cv {metrics.SizeCoefficientOfVariation:F3})");
        }
    }
}
