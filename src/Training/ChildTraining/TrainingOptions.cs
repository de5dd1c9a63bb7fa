namespace PoNasOrleans.Training.ChildTraining;

/// <summary>How a child network is trained and rewarded (nas-training.md, "Training").</summary>
/// <param name="MaxEpochs">Epochs at most (the paper: 30).</param>
/// <param name="BatchSize">Images per SGD step (128).</param>
/// <param name="LearningRate">SGD learning rate (0.01).</param>
/// <param name="Momentum">Nesterov momentum (0.9).</param>
/// <param name="WeightDecay">L2 weight decay (5e-4).</param>
/// <param name="EarlyStopAccuracy">Training stops after an epoch whose training accuracy exceeds this (0.99).</param>
/// <param name="RewardEpochs">The reward is the mean validation accuracy of this many last epochs (5; fewer when fewer ran).</param>
/// <param name="Quantization">Post-training (the reference) or quantization-aware.</param>
/// <param name="EpisodeTimeBudget">Wall-clock budget of one episode's training (null: no limit).</param>
/// <param name="TimeBudgetFactor">Share of <paramref name="EpisodeTimeBudget"/> this miner gets (a weak miner: 0.1).</param>
public sealed record TrainingOptions(
    int MaxEpochs = 30,
    int BatchSize = 128,
    double LearningRate = 0.01,
    double Momentum = 0.9,
    double WeightDecay = 5e-4,
    double EarlyStopAccuracy = 0.99,
    int RewardEpochs = 5,
    QuantizationMode Quantization = QuantizationMode.PostTraining,
    TimeSpan? EpisodeTimeBudget = null,
    double TimeBudgetFactor = 1.0)
{
    /// <summary>The budget after the factor, or null when unlimited.</summary>
    public TimeSpan? EffectiveTimeBudget => EpisodeTimeBudget * TimeBudgetFactor;

    /// <summary>Throws naming the setting that is out of range.</summary>
    public void Validate()
    {
        Require(MaxEpochs >= 1, nameof(MaxEpochs), MaxEpochs, "at least one epoch");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least one image per batch");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be positive and finite");
        Require(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "must lie in [0, 1)");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "must be non-negative");
        Require(EarlyStopAccuracy is > 0 and <= 1, nameof(EarlyStopAccuracy), EarlyStopAccuracy, "must lie in (0, 1]");
        Require(RewardEpochs >= 1, nameof(RewardEpochs), RewardEpochs, "at least one epoch");
        Require(Enum.IsDefined(Quantization), nameof(Quantization), Quantization, "unknown quantization mode");
        Require(EpisodeTimeBudget is null || EpisodeTimeBudget > TimeSpan.Zero, nameof(EpisodeTimeBudget), EpisodeTimeBudget, "must be positive");
        Require(TimeBudgetFactor is > 0 and <= 1, nameof(TimeBudgetFactor), TimeBudgetFactor, "must lie in (0, 1]");
        Require(TimeBudgetFactor == 1 || EpisodeTimeBudget is not null, nameof(TimeBudgetFactor), TimeBudgetFactor, "a time budget factor needs an EpisodeTimeBudget to scale");
    }

    private static void Require(bool condition, string name, object? value, string message)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {message}");
        }
    }
}
