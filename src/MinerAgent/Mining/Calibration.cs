using System.Collections.Immutable;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;
using PoNasOrleans.Training.ChildTraining;
using static TorchSharp.torch;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// The calibration run at start-up: one epoch of the reference architecture (every hyperparameter at the middle
/// of the paper's range, six layers) on up to <see cref="Images"/> training images; the pool learns the miner's
/// training speed from it (and refines it from real episode times).
/// </summary>
internal static class Calibration
{
    /// <summary>Training images of the calibration epoch at most.</summary>
    public const int Images = 512;

    /// <summary>The reference architecture.</summary>
    public static Architecture Reference { get; } = Middle(PresetCatalog.Paper.Full, 6);

    /// <summary>Measures images/s and returns the strength to report.</summary>
    public static MinerStrength Measure(ImageTensors train, ImageTensors validation, Device device, MinerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(settings);
        using var subset = train.Take(Math.Min(Images, train.Count));
        var trainer = new ChildTrainer(new TrainingOptions(MaxEpochs: 1, BatchSize: settings.BatchSize, Quantization: settings.Quantization), device);
        var result = trainer.Train(Reference, subset, validation, seed: 1);
        AgentTelemetry.Trained("calibration", result);
        return new MinerStrength(result.Epochs.Sum(e => e.Images) / Math.Max(result.Elapsed.TotalSeconds, 1e-3), settings.TimeBudgetFactor);
    }

    private static Architecture Middle(SearchSpace space, int layers)
    {
        Span<int> values = stackalloc int[Hyperparameters.Count];
        foreach (var hyperparameter in Hyperparameters.All)
        {
            var range = space[hyperparameter];
            values[(int)hyperparameter] = range[range.Length / 2];
        }

        return new Architecture(ImmutableArray.Create(Enumerable.Repeat(Layer.FromValues(values), layers).ToArray()));
    }
}
