using PoNasOrleans.Datasets;
using PoNasOrleans.Training.ChildTraining;
using TorchSharp;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests.ChildTraining;

public sealed class ModelMeasurementTests(SyntheticData data) : IClassFixture<SyntheticData>
{
    private static readonly Nas.Space.Architecture Small = TestArchitectures.Of(
        TestArchitectures.Layer(filters: 8, pool: 2),
        TestArchitectures.Layer(filterHeight: 5, filterWidth: 5, filters: 12, pool: 2),
        TestArchitectures.Layer(filters: 12, strideHeight: 2, strideWidth: 2));

    // wider fixed-point formats than Small's: a network that learns something in its epochs
    private static readonly Nas.Space.Architecture Wide = TestArchitectures.Of(
        TestArchitectures.Layer(filters: 8, pool: 2, actInt: 3, actFrac: 6, weightInt: 2, weightFrac: 6),
        TestArchitectures.Layer(filterHeight: 5, filterWidth: 5, filters: 12, pool: 2, actInt: 3, actFrac: 6, weightInt: 2, weightFrac: 6),
        TestArchitectures.Layer(filters: 12, strideHeight: 2, strideWidth: 2, actInt: 3, actFrac: 6, weightInt: 2, weightFrac: 6));

    private static readonly TrainingOptions Options = new(MaxEpochs: 1, BatchSize: 32, LearningRate: 0.05);

    [Theory]
    [InlineData(QuantizationMode.PostTraining)]
    [InlineData(QuantizationMode.QuantizationAware)]
    [InlineData(QuantizationMode.None)]
    public void Measuring_the_saved_bytes_gives_exactly_the_accuracy_the_trainer_measured(QuantizationMode mode)
    {
        var options = Options with { Quantization = mode };
        using var saved = new MemoryStream();
        var result = new ChildTrainer(options, CPU).Train(Wide, data.Train, data.Validation, seed: 11, trainedModel: saved);
        var bytes = saved.ToArray();

        var measured = new ModelMeasurement(options, CPU).Measure(Wide, bytes, data.Validation);

        // the trainer's last validation accuracy is ChildTrainer.Evaluate of the trained network on the same images
        // (that the weights themselves arrive is checked tensor by tensor in the next test)
        Assert.Equal(result.Epochs[^1].ValidationAccuracy, measured);
    }

    [Fact]
    public void The_loaded_network_holds_the_saved_weights_and_evaluates_like_the_original()
    {
        manual_seed(21);
        using var original = new ChildNetwork(Small);
        var bytes = Saved(original);
        manual_seed(22); // the network Load builds starts from other weights
        var measurement = new ModelMeasurement(Options, CPU);
        using var loaded = measurement.Load(Small, bytes);
        foreach (var ((name, expected), (_, actual)) in original.named_parameters().Zip(loaded.named_parameters()))
        {
            using var same = expected.eq(actual).all();
            Assert.True(same.item<bool>(), $"{name} differs after loading");
        }

        var trainer = new ChildTrainer(Options, CPU);
        Assert.Equal(trainer.Evaluate(original, data.Validation), trainer.Evaluate(loaded, data.Validation));
        Assert.Equal(trainer.Evaluate(original, data.Validation), measurement.Measure(Small, bytes, data.Validation));
    }

    [Fact]
    public void Empty_and_truncated_bytes_are_refused_as_such()
    {
        var bytes = SavedOf(Small);
        var measurement = new ModelMeasurement(Options, CPU);
        Assert.Contains("empty", Refusal(measurement, Array.Empty<byte>()), StringComparison.Ordinal);
        foreach (var length in new[] { 1, 2, 20, bytes.Length / 2, bytes.Length - 1 })
        {
            var message = Refusal(measurement, bytes.AsMemory(0, length));
            Assert.Contains("the model is truncated", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bytes_after_the_last_tensor_are_refused()
    {
        var bytes = SavedOf(Small);
        var message = Refusal(new ModelMeasurement(Options, CPU), (byte[])[.. bytes, 0]);
        Assert.Contains($"the model has 1 bytes after its last tensor (at byte {bytes.Length} of {bytes.Length + 1})", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_garbage_is_refused_as_not_a_model(int seed)
    {
        var garbage = new byte[4096];
        new Random(seed).NextBytes(garbage);
        Refusal(new ModelMeasurement(Options, CPU), garbage);
    }

    [Fact]
    public void A_damaged_byte_anywhere_in_the_headers_loads_or_is_refused_but_never_crashes()
    {
        // a one-layer network small enough to damage many positions: every byte of the first and last 96 and 200 more
        var tiny = TestArchitectures.Of(TestArchitectures.Layer(filters: 2, strideHeight: 4, strideWidth: 4, pool: 4));
        var bytes = SavedOf(tiny);
        var random = new Random(5);
        var positions = Enumerable.Range(0, 96).Concat(Enumerable.Range(bytes.Length - 96, 96)).Concat(Enumerable.Range(0, 200).Select(_ => random.Next(bytes.Length)));
        var measurement = new ModelMeasurement(Options, CPU);
        var refused = 0;
        foreach (var position in positions)
        {
            foreach (var value in new byte[] { 0x01, 0x7f, 0x80, 0xff })
            {
                var damaged = (byte[])bytes.Clone();
                damaged[position] ^= value;
                try
                {
                    measurement.Load(tiny, damaged).Dispose();
                }
                catch (InvalidDataException)
                {
                    refused++;
                }
            }
        }

        Assert.InRange(refused, 100, 4 * 392);
    }

    [Fact]
    public void Text_and_a_cifar_batch_are_not_models()
    {
        var measurement = new ModelMeasurement(Options, CPU);
        Assert.Contains("not a TorchSharp module", Refusal(measurement, "{\"layers\":[]}"u8.ToArray()), StringComparison.Ordinal);
        var (_, test) = SyntheticCifar.Generate(new SyntheticOptions(1, 3, 1));
        using var batch = new MemoryStream();
        CifarBinary.Write(batch, test);
        Refusal(measurement, batch.ToArray());
    }

    [Fact]
    public void Bytes_of_another_architecture_are_refused_naming_the_tensor_that_does_not_fit()
    {
        var measurement = new ModelMeasurement(Options, CPU);
        var moreFilters = TestArchitectures.Of(
            TestArchitectures.Layer(filters: 9, pool: 2),
            TestArchitectures.Layer(filterHeight: 5, filterWidth: 5, filters: 12, pool: 2),
            TestArchitectures.Layer(filters: 12, strideHeight: 2, strideWidth: 2));
        var message = Refusal(measurement, SavedOf(moreFilters), Small);
        Assert.Contains("of the model has shape [9, 3, 3, 3], the architecture's network needs [8, 3, 3, 3]: a model of another architecture", message, StringComparison.Ordinal);

        var twoLayers = TestArchitectures.Of(TestArchitectures.Layer(filters: 8, pool: 2), TestArchitectures.Layer(filters: 12));
        message = Refusal(measurement, SavedOf(twoLayers), Small);
        Assert.Contains("the model holds 8 tensors, the architecture's network has 10", message, StringComparison.Ordinal);

        var noPool = TestArchitectures.Of(
            TestArchitectures.Layer(filters: 8),
            TestArchitectures.Layer(filterHeight: 5, filterWidth: 5, filters: 12, pool: 2),
            TestArchitectures.Layer(filters: 12, strideHeight: 2, strideWidth: 2));
        message = Refusal(measurement, SavedOf(noPool), Small);
        Assert.Contains("a model of another architecture", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Measuring_leaves_no_tensor_behind_but_the_disposed_parameters_torchsharp_still_counts()
    {
        // as for the trainer (docs/training.md): a disposed module's parameters stay in Tensor.TotalCount, nothing else may
        using var probe = new ChildNetwork(Small);
        var parameters = probe.parameters().Count();
        var bytes = SavedOf(Small);
        var measurement = new ModelMeasurement(Options, CPU);
        measurement.Measure(Small, bytes, data.Validation);
        var before = LiveTensors();
        for (var i = 0; i < 3; i++)
        {
            measurement.Measure(Small, bytes, data.Validation);
            Assert.Throws<InvalidDataException>(() => measurement.Measure(Small, bytes.AsMemory(0, bytes.Length - 1), data.Validation));
        }

        Assert.Equal(before + (6 * parameters), LiveTensors());
    }

    private static string Refusal(ModelMeasurement measurement, ReadOnlyMemory<byte> bytes, Nas.Space.Architecture? architecture = null) =>
        Assert.Throws<InvalidDataException>(() => measurement.Load(architecture ?? Small, bytes).Dispose()).Message;

    private static byte[] SavedOf(Nas.Space.Architecture architecture)
    {
        using var network = new ChildNetwork(architecture);
        return Saved(network);
    }

    private static byte[] Saved(ChildNetwork network)
    {
        // as ChildTrainer.Train writes its trainedModel stream (TorchSharp closes the stream)
        var stream = new MemoryStream();
        network.save(stream);
        return stream.ToArray();
    }

    private static long LiveTensors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }
}
