using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Controller;

/// <summary>
/// The controller's network: a 2-layer LSTM with, per token position (layer × hyperparameter), an embedding of the
/// previous token's choice and a linear classifier onto this hyperparameter's choices in the subspace. The
/// per-token embeddings and classifiers are kept as row blocks of three parameter tensors (one embedding table,
/// one weight matrix, one bias vector), which is the same model with far fewer tensors for autograd and the
/// optimizer to walk.
/// </summary>
internal sealed class ControllerNetwork : nn.Module
{
    private readonly LSTM lstm;
    private readonly Parameter embeddings;
    private readonly Parameter weights;
    private readonly Parameter biases;
    private readonly int[] embeddingOffsets;
    private readonly int[] classifierOffsets;
    private readonly IReadOnlyList<int> choices;

    /// <param name="choices">Number of choices of each token, in sampling order.</param>
    /// <param name="hiddenSize">LSTM input and hidden size.</param>
    public ControllerNetwork(IReadOnlyList<int> choices, int hiddenSize)
        : base("controller")
    {
        this.choices = choices;
        embeddingOffsets = Offsets(Enumerable.Range(0, choices.Count).Select(t => PreviousChoices(choices, t)));
        classifierOffsets = Offsets(choices);
        lstm = nn.LSTM(hiddenSize, hiddenSize, ControllerOptions.LstmLayers);
        var bound = 1.0 / Math.Sqrt(hiddenSize);
        // the initialisations of nn.Embedding (standard normal) and nn.Linear (uniform ±1/√fan-in)
        embeddings = new Parameter(randn(embeddingOffsets[^1], hiddenSize));
        weights = new Parameter(empty(classifierOffsets[^1], hiddenSize).uniform_(-bound, bound));
        biases = new Parameter(empty(classifierOffsets[^1]).uniform_(-bound, bound));
        RegisterComponents();
    }

    /// <summary>Choices of the token before <paramref name="token"/>; the first token's "previous" is the last token's range.</summary>
    public static int PreviousChoices(IReadOnlyList<int> choices, int token) => choices[(token + choices.Count - 1) % choices.Count];

    /// <summary>The embedding row of token <paramref name="token"/> for the previous token's choice.</summary>
    public long EmbeddingRow(int token, int previousChoice) => embeddingOffsets[token] + previousChoice;

    /// <summary>One step: embeds rows [batch] of the embedding table, runs the LSTM, returns the logits [batch, choices] and the new state.</summary>
    public (Tensor Logits, Tensor Hidden, Tensor Cell) Step(int token, Tensor rows, Tensor hidden, Tensor cell)
    {
        var input = embeddings.index_select(0, rows).unsqueeze(0);
        var (output, nextHidden, nextCell) = lstm.call(input, (hidden, cell));
        var logits = nn.functional.linear(
            output.squeeze(0),
            weights.narrow(0, classifierOffsets[token], choices[token]),
            biases.narrow(0, classifierOffsets[token], choices[token]));
        return (logits, nextHidden, nextCell);
    }

    /// <summary>The classifier column of token <paramref name="token"/>'s choice.</summary>
    public long ClassifierColumn(int token, int choice) => classifierOffsets[token] + choice;

    /// <summary>
    /// Log-probabilities [batch] of whole known token sequences (teacher forcing, for the REINFORCE update): the
    /// LSTM runs over all steps in one call, every token's logits come from one product with all classifiers, and
    /// a mask keeps each token's softmax to its own block of columns.
    /// </summary>
    /// <param name="rows">Embedding rows [tokens, batch] (see <see cref="EmbeddingRow"/>).</param>
    /// <param name="columns">Classifier columns of the taken choices [tokens, batch] (see <see cref="ClassifierColumn"/>).</param>
    /// <param name="hidden">Initial hidden state [layers, batch, hidden].</param>
    /// <param name="cell">Initial cell state [layers, batch, hidden].</param>
    public Tensor SequenceLogProbability(Tensor rows, Tensor columns, Tensor hidden, Tensor cell)
    {
        var tokens = (int)rows.shape[0];
        var batch = rows.shape[1];
        var input = embeddings.index_select(0, rows.flatten()).reshape(tokens, batch, -1);
        var (output, _, _) = lstm.call(input, (hidden, cell));
        var logits = nn.functional.linear(output, weights, biases) + BlockMask(tokens);
        return nn.functional.log_softmax(logits, 2).gather(2, columns.unsqueeze(2)).squeeze(2).sum(dim: 0);
    }

    /// <summary>[tokens, 1, all columns]: 0 on each token's own block of classifier columns, −∞ elsewhere.</summary>
    private Tensor BlockMask(int tokens)
    {
        var mask = new float[tokens * classifierOffsets[^1]];
        Array.Fill(mask, float.NegativeInfinity);
        for (var t = 0; t < tokens; t++)
        {
            Array.Fill(mask, 0f, (t * classifierOffsets[^1]) + classifierOffsets[t], choices[t]);
        }

        return tensor(mask).reshape(tokens, 1, classifierOffsets[^1]);
    }

    private static int[] Offsets(IEnumerable<int> sizes)
    {
        var offsets = new List<int> { 0 };
        foreach (var size in sizes)
        {
            offsets.Add(offsets[^1] + size);
        }

        return [.. offsets];
    }
}
