namespace PoNasOrleans.Training.Controller;

/// <summary>Settings of the RNN controller (nas-training.md); the defaults learn on the project's data in a few hundred episodes.</summary>
/// <param name="Optimizer">Adam (default) or SGD.</param>
/// <param name="LearningRate">Step size of the optimizer.</param>
/// <param name="RolloutsPerUpdate">Episodes per REINFORCE update (the reference: 5).</param>
/// <param name="HiddenSize">LSTM input and hidden size (the reference: 35).</param>
/// <param name="BaselineWindow">Rewards averaged before the baseline becomes a moving average with factor 2/window (the reference: 20).</param>
public sealed record ControllerOptions(
    ControllerOptimizer Optimizer = ControllerOptimizer.Adam,
    double LearningRate = 0.005,
    int RolloutsPerUpdate = 5,
    int HiddenSize = 35,
    int BaselineWindow = 20)
{
    /// <summary>Layers of the LSTM (the reference: 2).</summary>
    public const int LstmLayers = 2;

    /// <summary>Throws naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be positive and finite");
        }

        if (RolloutsPerUpdate < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RolloutsPerUpdate), RolloutsPerUpdate, "at least one rollout per update");
        }

        if (HiddenSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenSize), HiddenSize, "the hidden size must be positive");
        }

        if (BaselineWindow < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BaselineWindow), BaselineWindow, "the baseline window must be positive");
        }

        if (!Enum.IsDefined(Optimizer))
        {
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "unknown optimizer");
        }
    }
}
