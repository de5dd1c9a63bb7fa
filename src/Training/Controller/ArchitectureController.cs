using System.Collections.Immutable;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;
using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Controller;

/// <summary>
/// The RNN controller of a miner (Zoph and Le; nas-training.md): samples architectures from its subspace only and
/// learns from their rewards by REINFORCE, one update per <see cref="ControllerOptions.RolloutsPerUpdate"/> episodes.
/// All its randomness comes from one <see cref="SeededRandom"/>, so together with <see cref="ControllerCheckpoint"/>
/// a run can be stopped and continued, here or on another miner, drawing exactly what it would have drawn.
/// Runs on the CPU (it is tiny); not thread-safe.
/// </summary>
public sealed class ArchitectureController : IDisposable
{
    private readonly ControllerNetwork network;
    private readonly TorchSharp.Modules.OptimizerHelper optimizer;
    private readonly List<(ControllerSample Sample, double Reward)> pending = [];
    private readonly List<double> rewards = [];
    private readonly ImmutableArray<int> choices;
    private SeededRandom random;
    private RewardBaseline baseline;

    /// <summary>Creates a controller for architectures of <paramref name="layers"/> layers in <paramref name="subspace"/>.</summary>
    public ArchitectureController(SearchSpace subspace, int layers, ulong seed, ControllerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(subspace);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        Options = options ?? new ControllerOptions();
        Options.Validate();
        Subspace = subspace;
        Layers = layers;
        choices = [.. Enumerable.Range(0, layers * Hyperparameters.Count).Select(t => subspace.Count((Hyperparameter)(t % Hyperparameters.Count)))];
        random = new SeededRandom(seed);
        baseline = new RewardBaseline(Options.BaselineWindow);
        using (var generator = new Generator(seed))
        {
            // deterministic initial weights for a seed, without touching libtorch's global generator
            network = WithGenerator(generator, () => new ControllerNetwork(choices, Options.HiddenSize));
        }

        optimizer = Options.Optimizer == ControllerOptimizer.Adam
            ? optim.Adam(network.parameters(), Options.LearningRate)
            : (TorchSharp.Modules.OptimizerHelper)optim.SGD(network.parameters(), Options.LearningRate);
    }

    /// <summary>The subspace sampled from.</summary>
    public SearchSpace Subspace { get; }

    /// <summary>Layers per architecture.</summary>
    public int Layers { get; }

    /// <summary>The settings.</summary>
    public ControllerOptions Options { get; }

    /// <summary>Episodes whose reward has been recorded.</summary>
    public long Episodes => rewards.Count;

    /// <summary>Every reward recorded, in order.</summary>
    public IReadOnlyList<double> Rewards => rewards;

    /// <summary>The current REINFORCE baseline.</summary>
    public double Baseline => baseline.Value;

    /// <summary>Samples one architecture: softmax over each token's choices, then a draw.</summary>
    public ControllerSample Sample()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var start = random.NextInt(ControllerNetwork.PreviousChoices(choices, 0));
        var initial = InitialState();
        var (hidden, cell) = StateTensors([initial]);
        var chosen = new int[choices.Length];
        var previous = start;
        for (var token = 0; token < choices.Length; token++)
        {
            Tensor logits;
            (logits, hidden, cell) = network.Step(token, tensor(new[] { network.EmbeddingRow(token, previous) }), hidden, cell);
            chosen[token] = Draw(logits.data<float>().ToArray());
            previous = chosen[token];
        }

        return new ControllerSample(ToArchitecture(chosen), start, initial, [.. chosen]);
    }

    /// <summary>
    /// Records the reward of a sampled architecture (0 for an infeasible one); every
    /// <see cref="ControllerOptions.RolloutsPerUpdate"/> rewards the controller takes one REINFORCE step.
    /// </summary>
    public void Record(ControllerSample sample, double reward)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!double.IsFinite(reward) || reward < 0 || reward > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(reward), reward, "a reward is an accuracy in [0, 1]");
        }

        if (sample.Choices.Length != choices.Length)
        {
            throw new ArgumentException($"the sample has {sample.Choices.Length} choices, this controller makes {choices.Length}", nameof(sample));
        }

        rewards.Add(reward);
        pending.Add((sample, reward));
        if (pending.Count >= Options.RolloutsPerUpdate)
        {
            Update();
            pending.Clear();
        }
    }

    /// <summary>Writes the whole state (see <see cref="ControllerCheckpoint"/>).</summary>
    public void Save(Stream stream) => ControllerCheckpoint.Write(stream, this);

    /// <summary>Reads a controller saved with <see cref="Save"/>.</summary>
    public static ArchitectureController Load(Stream stream) => ControllerCheckpoint.Read(stream);

    /// <inheritdoc />
    public void Dispose()
    {
        optimizer.Dispose();
        network.Dispose();
    }

    internal ImmutableArray<ulong> RandomState => random.State;

    internal long BaselineCount => baseline.Count;

    internal IReadOnlyList<(ControllerSample Sample, double Reward)> Pending => pending;

    internal void WriteWeights(BinaryWriter writer)
    {
        network.save(writer);
        optimizer.save_state_dict(writer);
    }

    internal void Restore(BinaryReader reader, ImmutableArray<ulong> randomState, long baselineCount, double baselineValue, IEnumerable<double> history, IEnumerable<(ControllerSample, double)> unfinished)
    {
        network.load(reader);
        optimizer.load_state_dict(reader);
        random = SeededRandom.FromState(randomState);
        baseline = RewardBaseline.Restore(Options.BaselineWindow, baselineCount, baselineValue);
        rewards.AddRange(history);
        pending.AddRange(unfinished);
    }

    private void Update()
    {
        using var scope = NewDisposeScope();
        var advantages = tensor(pending.Select(p => (float)baseline.Advance(p.Reward)).ToArray());
        var (hidden, cell) = StateTensors([.. pending.Select(p => p.Sample.InitialState)]);
        var rows = new long[choices.Length * pending.Count];
        var columns = new long[choices.Length * pending.Count];
        for (var token = 0; token < choices.Length; token++)
        {
            for (var b = 0; b < pending.Count; b++)
            {
                var sample = pending[b].Sample;
                rows[(token * pending.Count) + b] = network.EmbeddingRow(token, token == 0 ? sample.Start : sample.Choices[token - 1]);
                columns[(token * pending.Count) + b] = network.ClassifierColumn(token, sample.Choices[token]);
            }
        }

        long[] shape = [choices.Length, pending.Count];
        var logProbability = network.SequenceLogProbability(tensor(rows, shape), tensor(columns, shape), hidden, cell);
        var loss = -(advantages * logProbability).sum();
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }

    private ImmutableArray<float> InitialState()
    {
        var size = 2 * ControllerOptions.LstmLayers * Options.HiddenSize;
        var state = new float[size];
        for (var i = 0; i < size; i++)
        {
            state[i] = (float)random.NextGaussian();
        }

        return [.. state];
    }

    /// <summary>The initial (hidden, cell) tensors [layers, batch, hidden] of a batch of saved initial states.</summary>
    private (Tensor Hidden, Tensor Cell) StateTensors(IReadOnlyList<ImmutableArray<float>> states)
    {
        var half = ControllerOptions.LstmLayers * Options.HiddenSize;
        Tensor Part(int offset) => stack(states.Select(s => tensor(s.AsSpan(offset, half).ToArray()).reshape(ControllerOptions.LstmLayers, Options.HiddenSize)), 1);
        return (Part(0), Part(half));
    }

    /// <summary>Softmax of the logits, then one draw by the inverse of the cumulative distribution.</summary>
    private int Draw(ReadOnlySpan<float> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        Span<double> weights = stackalloc double[logits.Length];
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            weights[i] = Math.Exp(logits[i] - max);
            total += weights[i];
        }

        var u = random.NextDouble() * total;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }


    private Architecture ToArchitecture(int[] chosen)
    {
        var layers = ImmutableArray.CreateBuilder<Layer>(Layers);
        Span<int> values = stackalloc int[Hyperparameters.Count];
        for (var layer = 0; layer < Layers; layer++)
        {
            foreach (var hyperparameter in Hyperparameters.All)
            {
                values[(int)hyperparameter] = Subspace[hyperparameter][chosen[(layer * Hyperparameters.Count) + (int)hyperparameter]];
            }

            layers.Add(Layer.FromValues(values));
        }

        return new Architecture(layers.MoveToImmutable());
    }

    private static T WithGenerator<T>(Generator generator, Func<T> create)
    {
        var saved = TorchSharp.torch.random.get_rng_state();
        try
        {
            TorchSharp.torch.random.set_rng_state(generator.get_state());
            return create();
        }
        finally
        {
            TorchSharp.torch.random.set_rng_state(saved);
            saved.Dispose();
        }
    }
}
