using PoNasOrleans.Training.ChildTraining;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests.ChildTraining;

public sealed class ChildTrainerTests(SyntheticData data) : IClassFixture<SyntheticData>
{
    private static readonly Nas.Space.Architecture Small = TestArchitectures.Of(
        TestArchitectures.Layer(filters: 8, pool: 2),
        TestArchitectures.Layer(filterHeight: 5, filterWidth: 5, filters: 12, pool: 2),
        TestArchitectures.Layer(filters: 12, strideHeight: 2, strideWidth: 2));

    private static readonly Nas.Space.Architecture Wide = TestArchitectures.Of(
        TestArchitectures.Layer(filters: 8, pool: 2, actInt: 3, actFrac: 6, weightInt: 2, weightFrac: 6),
        TestArchitectures.Layer(filterHeight: 5, filterWidth: 5, filters: 12, pool: 2, actInt: 3, actFrac: 6, weightInt: 2, weightFrac: 6),
        TestArchitectures.Layer(filters: 12, strideHeight: 2, strideWidth: 2, actInt: 3, actFrac: 6, weightInt: 2, weightFrac: 6));

    [Fact]
    public void Learns_the_synthetic_classes_well_above_chance()
    {
        var trainer = new ChildTrainer(new TrainingOptions(MaxEpochs: 3, BatchSize: 32, LearningRate: 0.05), CPU);
        var result = trainer.Train(Wide, data.Train, data.Validation, seed: 1);
        Assert.Equal(3, result.Epochs.Count);
        Assert.True(result.Epochs[^1].ValidationAccuracy > 0.3, $"validation accuracy {result.Epochs[^1].ValidationAccuracy:F3} is not well above chance (0.1)");
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss);
    }

    [Fact]
    public void The_reward_is_the_mean_validation_accuracy_of_the_last_epochs()
    {
        var trainer = new ChildTrainer(new TrainingOptions(MaxEpochs: 3, BatchSize: 128, RewardEpochs: 2), CPU);
        var result = trainer.Train(Small, data.Train, data.Validation, seed: 2);
        Assert.Equal((result.Epochs[1].ValidationAccuracy + result.Epochs[2].ValidationAccuracy) / 2, result.Reward, 12);
        var single = new ChildTrainer(new TrainingOptions(MaxEpochs: 1, BatchSize: 128), CPU).Train(Small, data.Train, data.Validation, seed: 2);
        Assert.Equal(single.Epochs[0].ValidationAccuracy, single.Reward, 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_training()
    {
        var trainer = new ChildTrainer(new TrainingOptions(MaxEpochs: 2, BatchSize: 128), CPU);
        var first = trainer.Train(Small, data.Train, data.Validation, seed: 7);
        var second = trainer.Train(Small, data.Train, data.Validation, seed: 7);
        Assert.Equal(first.Epochs.Select(e => e.TrainLoss), second.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(first.Reward, second.Reward);
    }

    [Fact]
    public void Stops_early_when_training_accuracy_passes_the_threshold()
    {
        var result = new ChildTrainer(new TrainingOptions(MaxEpochs: 5, EarlyStopAccuracy: 0.01), CPU).Train(Small, data.Train, data.Validation, seed: 3);
        Assert.True(result.StoppedEarly);
        Assert.Single(result.Epochs);
    }

    [Fact]
    public void A_tenth_of_the_time_budget_trains_on_a_tenth_of_the_images()
    {
        // the clock moves 100 ms per reading: a 4 s budget allows about 40 batches, a 0.4 s one about 4
        var options = new TrainingOptions(MaxEpochs: 30, BatchSize: 32, EpisodeTimeBudget: TimeSpan.FromSeconds(4));
        var full = new ChildTrainer(options, CPU, new SteppingClock(TimeSpan.FromMilliseconds(100))).Train(Small, data.Train, data.Validation, seed: 4);
        var weak = new ChildTrainer(options with { TimeBudgetFactor = 0.1 }, CPU, new SteppingClock(TimeSpan.FromMilliseconds(100))).Train(Small, data.Train, data.Validation, seed: 4);
        Assert.True(full.OutOfTime);
        Assert.True(weak.OutOfTime);
        var fullImages = full.Epochs.Sum(e => e.Images);
        var weakImages = weak.Epochs.Sum(e => e.Images);
        Assert.InRange(fullImages, 30 * 32, 40 * 32);
        Assert.InRange(weakImages, 2 * 32, 4 * 32);
        Assert.False(weak.Epochs[^1].Complete);
        Assert.InRange(weak.Reward, 0, 1);
    }

    [Fact]
    public void Cancellation_stops_between_batches()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var trainer = new ChildTrainer(new TrainingOptions(MaxEpochs: 2), CPU);
        Assert.Throws<OperationCanceledException>(() => trainer.Train(Small, data.Train, data.Validation, seed: 5, cancellation: cancel.Token));
    }

    [Fact]
    public void Training_leaves_no_tensor_behind_but_the_disposed_parameters_torchsharp_still_counts()
    {
        // TorchSharp does not count a disposed module's parameters down in Tensor.TotalCount (their native memory
        // is freed: see docs/training.md); everything else a training creates (activations, gradients, momentum,
        // batches, quantized copies) must be gone.
        using var probe = new ChildNetwork(Small);
        var parameters = probe.parameters().Count();
        var trainer = new ChildTrainer(new TrainingOptions(MaxEpochs: 2, BatchSize: 256), CPU);
        trainer.Train(Small, data.Train, data.Validation, seed: 6);
        var before = LiveTensors();
        for (var i = 0; i < 3; i++)
        {
            trainer.Train(Small, data.Train, data.Validation, seed: 6);
        }

        Assert.Equal(before + (3 * parameters), LiveTensors());
    }

    [Theory]
    [InlineData(0, 1.0, "MaxEpochs")]
    [InlineData(1, 0.0, "TimeBudgetFactor")]
    [InlineData(1, 0.5, "TimeBudgetFactor")]
    public void Bad_options_are_refused_by_name(int epochs, double factor, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChildTrainer(new TrainingOptions(MaxEpochs: epochs, TimeBudgetFactor: factor), CPU));
        Assert.Equal(name, error.ParamName);
    }

    private static long LiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }
}
