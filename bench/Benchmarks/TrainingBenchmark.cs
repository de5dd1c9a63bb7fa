using System.Diagnostics;
using PoNasOrleans.Nas.Shapes;
using PoNasOrleans.Nas.Space;
using PoNasOrleans.Training.ChildTraining;
using PoNasOrleans.Training;
using static TorchSharp.torch;

namespace PoNasOrleans.Benchmarks;

/// <summary>
/// Training images/s of a reference 6-layer child network on 2 threads, its FLOPs, and in the same run the GFLOP/s
/// libtorch reaches on a large float32 matrix multiply: the ratio says how much of the machine training uses.
/// </summary>
internal static class TrainingBenchmark
{
    private const int Threads = 2;
    private const int BatchSize = 128;
    private const int Batches = 12;

    /// <summary>The fpga-model.md check network: a realistic 6-layer candidate (bits 1/4 throughout).</summary>
    public static Architecture Reference { get; } = new(
    [
        new Layer(3, 3, 64, 1, 1, 1, 1, 4, 1, 4), new Layer(7, 5, 48, 1, 1, 1, 1, 4, 1, 4), new Layer(5, 5, 48, 2, 1, 1, 1, 4, 1, 4),
        new Layer(3, 5, 64, 1, 1, 1, 1, 4, 1, 4), new Layer(5, 7, 36, 1, 1, 1, 1, 4, 1, 4), new Layer(3, 1, 64, 1, 2, 2, 1, 4, 1, 4),
    ]);

    public static void Run()
    {
        TorchRuntime.Configure(new TorchRuntimeOptions { IntraOpThreads = Threads, Device = DevicePreference.Cpu });
        var forwardFlops = ForwardFlops(Reference);
        var trainingFlops = 3 * forwardFlops; // forward + backward (gradients of inputs and weights)
        var imagesPerSecond = TrainingImagesPerSecond();
        var matmul = MatmulGflops();
        var achieved = imagesPerSecond * trainingFlops / 1e9;
        Console.WriteLine(
            $"training: reference 6-layer network, {forwardFlops / 1e6:N1} MFLOP forward per image ({trainingFlops / 1e6:N1} MFLOP per trained image), " +
            $"{imagesPerSecond:N0} images/s on {Threads} threads = {achieved:N1} GFLOP/s");
        Console.WriteLine($"matmul: 2048x2048 float32 on {Threads} threads: {matmul:N1} GFLOP/s; training reaches {achieved / matmul:P1} of it");
    }

    /// <summary>2·MACs of the convolutions (before pooling) and of the head's two linear layers, per image.</summary>
    public static double ForwardFlops(Architecture architecture) => 2.0 * ChildNetworkShape.MultiplyAccumulates(architecture);

    private static double TrainingImagesPerSecond()
    {
        manual_seed(1);
        using var network = new ChildNetwork(Reference);
        using var optimizer = optim.SGD(network.parameters(), 0.01, 0.9, nesterov: true, weight_decay: 5e-4);
        using var images = randn(BatchSize, 3, 32, 32);
        using var labels = randint(0, ChildNetwork.Classes, [BatchSize]);
        network.train();
        Step(network, optimizer, images, labels); // warm-up
        Step(network, optimizer, images, labels);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Batches; i++)
        {
            Step(network, optimizer, images, labels);
        }

        return Batches * BatchSize / clock.Elapsed.TotalSeconds;
    }

    private static void Step(ChildNetwork network, optim.Optimizer optimizer, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(network.call(images), labels);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }

    private static double MatmulGflops()
    {
        const int n = 2048;
        const int repeats = 10;
        using var a = randn(n, n);
        using var b = randn(n, n);
        using (var warm = a.matmul(b))
        {
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
        {
            using var c = a.matmul(b);
        }

        return repeats * 2.0 * n * n * n / clock.Elapsed.TotalSeconds / 1e9;
    }
}
