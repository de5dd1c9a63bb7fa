namespace PoNasOrleans.Training.ChildTraining;

/// <summary>The outcome of training one child network.</summary>
/// <param name="Reward">Mean validation accuracy of the last <see cref="TrainingOptions.RewardEpochs"/> epochs.</param>
/// <param name="Epochs">Every epoch run, in order.</param>
/// <param name="Elapsed">Wall-clock time of the training.</param>
/// <param name="StoppedEarly">Training accuracy passed the early-stop threshold.</param>
/// <param name="OutOfTime">The time budget ended the training.</param>
public sealed record TrainingResult(double Reward, IReadOnlyList<EpochResult> Epochs, TimeSpan Elapsed, bool StoppedEarly, bool OutOfTime);
