using PoNasOrleans.Training.ChildTraining;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests.ChildTraining;

/// <summary>The synthetic data set is made so that architecture choices matter: wider kernels see its patterns.</summary>
public sealed class SyntheticDifficultyTests(SyntheticData data) : IClassFixture<SyntheticData>
{
    [Fact]
    public void Kernels_wider_than_one_pixel_reach_a_clearly_higher_accuracy()
    {
        var trainer = new ChildTrainer(new TrainingOptions(MaxEpochs: 4, BatchSize: 32, LearningRate: 0.05, Quantization: QuantizationMode.None), CPU);
        var pointwise = trainer.Train(Network(kernel: 1), data.Train, data.Validation, seed: 1);
        var spatial = trainer.Train(Network(kernel: 5), data.Train, data.Validation, seed: 1);
        Assert.True(
            spatial.Epochs[^1].ValidationAccuracy > pointwise.Epochs[^1].ValidationAccuracy + 0.1,
            $"5x5 kernels {spatial.Epochs[^1].ValidationAccuracy:F3}, 1x1 kernels {pointwise.Epochs[^1].ValidationAccuracy:F3}");
    }

    private static Nas.Space.Architecture Network(int kernel) => TestArchitectures.Of(
        TestArchitectures.Layer(filterHeight: kernel, filterWidth: kernel, filters: 12, pool: 2),
        TestArchitectures.Layer(filterHeight: kernel, filterWidth: kernel, filters: 12, pool: 2),
        TestArchitectures.Layer(filterHeight: kernel, filterWidth: kernel, filters: 12, strideHeight: 2, strideWidth: 2));
}
