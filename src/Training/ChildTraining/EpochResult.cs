namespace PoNasOrleans.Training.ChildTraining;

/// <summary>One training epoch: mean loss and accuracy on the training images, accuracy on the validation images.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's batches.</param>
/// <param name="TrainAccuracy">Share of training images classified right during the epoch (training mode).</param>
/// <param name="Images">Training images the epoch went through (fewer than all when the time budget ran out).</param>
/// <param name="ValidationAccuracy">Share of validation images classified right in evaluation mode (quantized when the mode says so).</param>
/// <param name="Complete">False when the time budget ran out during the epoch.</param>
public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, int Images, double ValidationAccuracy, bool Complete);
