using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Controller;

/// <summary>
/// The controller's network: a 2-layer LSTM with, per token position (layer × hyperparameter), an embedding of
/// the previous token's choice and a linear classifier onto this hyperparameter's choices in the subspace.
/// </summary>
internal sealed class ControllerNetwork : nn.Module
{
    private readonly LSTM lstm;
    private readonly ModuleList<Embedding> embeddings;
    private readonly ModuleList<Linear> classifiers;

    /// <param name="choices">Number of choices of each token, in sampling order.</param>
    /// <param name="hiddenSize">LSTM input and hidden size.</param>
    public ControllerNetwork(IReadOnlyList<int> choices, int hiddenSize)
        : base("controller")
    {
        lstm = nn.LSTM(hiddenSize, hiddenSize, ControllerOptions.LstmLayers);
        embeddings = new ModuleList<Embedding>([.. choices.Select((_, t) => nn.Embedding(PreviousChoices(choices, t), hiddenSize))]);
        classifiers = new ModuleList<Linear>([.. choices.Select(count => nn.Linear(hiddenSize, count))]);
        RegisterComponents();
    }

    /// <summary>Choices of the token before <paramref name="token"/>; the first token's "previous" is the last token's range.</summary>
    public static int PreviousChoices(IReadOnlyList<int> choices, int token) => choices[(token + choices.Count - 1) % choices.Count];

    /// <summary>One step: embeds the previous choices [batch], runs the LSTM, returns the logits [batch, choices] and the new state.</summary>
    public (Tensor Logits, Tensor Hidden, Tensor Cell) Step(int token, Tensor previous, Tensor hidden, Tensor cell)
    {
        var input = embeddings[token].call(previous).unsqueeze(0);
        var (output, nextHidden, nextCell) = lstm.call(input, (hidden, cell));
        return (classifiers[token].call(output.squeeze(0)), nextHidden, nextCell);
    }
}
