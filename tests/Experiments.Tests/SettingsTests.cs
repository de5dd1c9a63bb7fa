namespace PoNasOrleans.Experiments.Tests;

public sealed class SettingsTests
{
    [Fact]
    public void The_weak_miners_arrive_in_the_partitions_order_on_the_lucky_subspaces()
    {
        var placement = WeakMinersExperiment.Placement(["S4", "S1"]);
        Assert.Equal(["weak-1", "strong-1", "strong-2", "weak-2", "strong-3", "strong-4", "strong-5", "strong-6", "strong-7"], placement.Select(p => p.Id));
        Assert.Equal([1, 2, 1, 5], WeakMinersExperiment.Arrivals(placement).Select(g => g.Length));
        Assert.All(placement, p => Assert.Equal(p.Id.StartsWith("weak", StringComparison.Ordinal) ? 0.1 : 1, p.Factor));
    }

    [Theory]
    [InlineData("S1")]
    [InlineData("S1,S1")]
    [InlineData("S1,S10")]
    public void Lucky_subspaces_must_be_two_different_ones_of_S1_to_S9(string lucky) =>
        Assert.Throws<ArgumentException>(() => WeakMinersExperiment.Placement([.. lucky.Split(',')]));

    [Theory]
    [InlineData(100 / 3.0, 400, 10, 100)] // three naive blocks of 33 s: 10,000 images ÷ 100 s
    [InlineData(1000, 400, 10, 15)] // a long naive block would let a weak miner explore: the threshold stays 1.5 × above it
    [InlineData(1, 400, 10, 266.7)] // a short one would make a strong miner exploit: 1.5 × below the slowest strong
    [InlineData(100 / 3.0, 12, 10, 10.95)] // a narrow gap: the geometric mean
    public void The_strategy_phase_keeps_the_strength_threshold_between_weak_and_strong(double naiveSeconds, double slowestStrong, double fastestWeak, double expected)
    {
        var settings = new ExperimentSettings(ExperimentBudget.Fast with { EpisodesPerMiner = 10, Epochs = 1 }, new TrainingData("synth", 1111, 1), "out", 1);
        Assert.Equal(1000, settings.Data.TrainImages);
        var (phase, threshold) = WeakMinersExperiment.StrategyPhase(settings, naiveSeconds, slowestStrong, fastestWeak);
        Assert.InRange(threshold, expected * 0.98, expected * 1.02);
        Assert.Equal(10_000 / phase.TotalSeconds, threshold, 9);
        Assert.InRange(threshold, fastestWeak, slowestStrong);
    }

    [Fact]
    public void Speeds_that_do_not_separate_weak_from_strong_stop_the_experiment()
    {
        var settings = new ExperimentSettings(ExperimentBudget.Fast, new TrainingData("synth", 300, 1), "out", 1);
        Assert.Throws<InvalidOperationException>(() => WeakMinersExperiment.StrategyPhase(settings, 30, 50, 60));
    }

    [Fact]
    public void A_cifar_folder_is_counted_from_its_training_batches()
    {
        var folder = Directory.CreateTempSubdirectory("ponas-cifar-").FullName;
        try
        {
            Assert.Throws<ArgumentException>(() => TrainingData.Of(folder, ExperimentBudget.Fast, 1));
            File.WriteAllBytes(Path.Combine(folder, "data_batch_1.bin"), new byte[3073 * 30]);
            File.WriteAllBytes(Path.Combine(folder, "data_batch_2.bin"), new byte[3073 * 20]);
            var data = TrainingData.Of(folder, ExperimentBudget.Fast, 7);
            Assert.Equal((50, 45), (data.Images, data.TrainImages));
            Assert.Equal(["--dataset", folder, "--seed", "7"], data.AgentArguments);
            File.WriteAllBytes(Path.Combine(folder, "data_batch_3.bin"), new byte[100]);
            Assert.Throws<ArgumentException>(() => TrainingData.Of(folder, ExperimentBudget.Fast, 7));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("weak --budget huge")]
    [InlineData("weak --lucky S1")]
    [InlineData("weak --dataset /nonexistent/cifar")]
    public void Bad_command_lines_are_refused_before_anything_starts(string line)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(1, ExperimentCommand.Run(line.Split(' '), output, error));
        Assert.NotEmpty(error.ToString());
    }

    [Fact]
    public void Budgets_are_known_by_name() =>
        Assert.Equal(["fast", "small", "paper"], ExperimentBudget.All.Select(b => b.Name));
}
