using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;
using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.ChildTraining;

/// <summary>
/// Trains the child network of an architecture and measures its reward (nas-training.md): SGD with Nesterov
/// momentum and weight decay, mini-batches in a seeded shuffle, up to <see cref="TrainingOptions.MaxEpochs"/> epochs,
/// stopping early when training accuracy passes the threshold or the time budget runs out; the reward is the mean
/// validation accuracy (in fixed point when the quantization mode says so) of the last epochs.
/// </summary>
public sealed class ChildTrainer(TrainingOptions options, Device device, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>The settings.</summary>
    public TrainingOptions Options { get; } = Validated(options);

    /// <summary>
    /// Trains a fresh network of the architecture; the same seed gives the same initial weights and batches. When
    /// <paramref name="trainedModel"/> is given, the trained weights are written to it (TorchSharp's module format).
    /// </summary>
    public TrainingResult Train(Architecture architecture, ImageTensors train, ImageTensors validation, ulong seed, IProgress<EpochResult>? progress = null, Stream? trainedModel = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        var started = clock.GetTimestamp();
        TimeSpan Elapsed() => clock.GetElapsedTime(started);
        var budget = Options.EffectiveTimeBudget;
        var random = new SeededRandom(seed);
        manual_seed((long)(seed & long.MaxValue));
        using var network = new ChildNetwork(architecture, Options.Quantization);
        network.to(device);
        using var optimizer = optim.SGD(network.parameters(), Options.LearningRate, Options.Momentum, weight_decay: Options.WeightDecay, nesterov: true);
        var epochs = new List<EpochResult>();
        var stoppedEarly = false;
        var outOfTime = false;
        for (var epoch = 1; epoch <= Options.MaxEpochs && !stoppedEarly && !outOfTime; epoch++)
        {
            var (loss, accuracy, images, complete) = TrainEpoch(network, optimizer, train, random, () => budget is { } b && Elapsed() >= b, cancellation);
            var result = new EpochResult(epoch, loss, accuracy, images, Evaluate(network, validation), complete);
            epochs.Add(result);
            progress?.Report(result);
            stoppedEarly = accuracy > Options.EarlyStopAccuracy;
            outOfTime = !complete || (budget is { } limit && Elapsed() >= limit);
        }

        var reward = epochs.TakeLast(Options.RewardEpochs).Average(e => e.ValidationAccuracy);
        if (trainedModel is not null)
        {
            network.save(trainedModel);
        }

        return new TrainingResult(reward, epochs, Elapsed(), stoppedEarly, outOfTime);
    }

    /// <summary>Accuracy of a network on images, in evaluation mode (no dropout; fixed point when quantized).</summary>
    public double Evaluate(ChildNetwork network, ImageTensors images)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(images);
        network.eval();
        using var noGrad = no_grad();
        long correct = 0;
        for (var start = 0; start < images.Count; start += Options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(Options.BatchSize, images.Count - start);
            var logits = network.call(images.Images.narrow(0, start, length));
            correct += logits.argmax(1).eq(images.Labels.narrow(0, start, length)).sum().item<long>();
        }

        return (double)correct / images.Count;
    }

    private (double Loss, double Accuracy, int Images, bool Complete) TrainEpoch(ChildNetwork network, optim.Optimizer optimizer, ImageTensors train, SeededRandom random, Func<bool> outOfTime, CancellationToken cancellation)
    {
        network.train();
        var order = Shuffle(train.Count, random);
        double lossSum = 0;
        long correct = 0;
        var seen = 0;
        var batches = 0;
        for (var start = 0; start < order.Length; start += Options.BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            if (batches > 0 && outOfTime())
            {
                return (lossSum / batches, (double)correct / seen, seen, false);
            }

            using var scope = NewDisposeScope();
            var length = Math.Min(Options.BatchSize, order.Length - start);
            var indices = tensor(order.AsSpan(start, length).ToArray()).to(train.Images.device);
            var images = train.Images.index_select(0, indices);
            var labels = train.Labels.index_select(0, indices);
            var logits = network.call(images);
            var loss = nn.functional.cross_entropy(logits, labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<float>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            seen += length;
            batches++;
        }

        return (lossSum / batches, (double)correct / seen, seen, true);
    }

    private static long[] Shuffle(int count, SeededRandom random)
    {
        var order = new long[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static TrainingOptions Validated(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
