using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using PoNasOrleans.Datasets;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;
using static TorchSharp.torch;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

/// <summary>A tiny network trained for one epoch on synthetic data, its model file and its accuracy on the test split.</summary>
public sealed class TrainedModelFile : IDisposable
{
    public static readonly SyntheticOptions Data = new(Train: 400, Test: 60, Seed: 4);

    public static readonly Architecture Architecture = new([
        new Layer(3, 3, 6, 1, 1, 2, 3, 6, 2, 6),
        new Layer(5, 5, 8, 2, 2, 2, 3, 6, 2, 6),
    ]);

    public TrainedModelFile()
    {
        Folder = Directory.CreateTempSubdirectory("ponas-cli-measure-").FullName;
        var (train, test) = SyntheticCifar.Generate(Data);
        using var trainTensors = ImageTensors.From(train, CPU);
        using var testTensors = ImageTensors.From(test, CPU);
        ModelPath = Path.Combine(Folder, "model.bin");
        using (var model = File.Create(ModelPath))
        {
            // the test split as validation: the trainer's last validation accuracy is Evaluate on exactly these images
            var result = new ChildTrainer(new TrainingOptions(MaxEpochs: 1, BatchSize: 32, LearningRate: 0.05), CPU)
                .Train(Architecture, trainTensors, testTensors, seed: 3, trainedModel: model);
            Accuracy = result.Epochs[^1].ValidationAccuracy;
        }

        ArchitecturePath = Path.Combine(Folder, "architecture.json");
        File.WriteAllText(ArchitecturePath, ArchitectureJson.Write(Architecture));
    }

    public string Folder { get; }

    public string ModelPath { get; }

    public string ArchitecturePath { get; }

    /// <summary>What ChildTrainer.Evaluate gave for the trained network on the test split.</summary>
    public double Accuracy { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public sealed class MeasureCommandTests(TrainedModelFile trained) : IClassFixture<TrainedModelFile>
{
    private static readonly TestSplitReference Test = TestSplitReference.Synthetic(TrainedModelFile.Data);

    [Fact]
    public void Measures_exactly_the_accuracy_the_trainer_evaluated_and_prints_one_json_object()
    {
        var run = CliRun.Of("measure", "--architecture", trained.ArchitecturePath, "--model", trained.ModelPath, "--test", Test.Location, "--sha256", Test.Sha256, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(trained.Accuracy, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(TrainedModelFile.Data.Test, root.GetProperty("images").GetInt32());
        Assert.Equal(trained.Accuracy, root.GetProperty("correct").GetInt64() / (double)TrainedModelFile.Data.Test);
        Assert.Equal("post-training", root.GetProperty("quantization").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(trained.ModelPath))), root.GetProperty("model_sha256").GetString());
        Assert.Equal("synth:test?seed=4&count=60", root.GetProperty("test").GetString());
        Assert.Equal(Test.Sha256, root.GetProperty("test_sha256").GetString());
    }

    [Fact]
    public void Reads_the_test_split_from_the_folder_dataset_synth_writes_and_the_architecture_inline()
    {
        var folder = Path.Combine(trained.Folder, "dataset");
        Assert.Equal(0, CliRun.Of("dataset", "synth", "--out", folder, "--train", "20", "--test", "60", "--seed", "4").ExitCode);
        var run = CliRun.Of("measure", "--architecture", ArchitectureJson.Write(TrainedModelFile.Architecture), "--model", trained.ModelPath, "--test", folder, "--sha256", Test.Sha256.ToUpperInvariant());
        Assert.True(run.ExitCode == 0, run.Error);
        var correct = (long)Math.Round(trained.Accuracy * 60);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"accuracy {trained.Accuracy:R} ({correct} of 60 test images, quantization post-training)"), run.Out.Trim());
    }

    [Fact]
    public void Another_test_split_than_the_hash_names_is_refused()
    {
        var other = TestSplitReference.Synthetic(TrainedModelFile.Data with { Seed = 5 });
        var run = CliRun.Of("measure", "--architecture", trained.ArchitecturePath, "--model", trained.ModelPath, "--test", other.Location, "--sha256", Test.Sha256);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: synth:test?seed=5&count=60: the test split's SHA-256 is {other.Sha256}, the reference names {Test.Sha256}: not the released split", run.Error.Trim());
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("synth:test?seed=4", "missing key 'count'")]
    [InlineData("no-such-folder", "no-such-folder: no such data set folder")]
    public void A_bad_test_location_is_refused(string location, string expected)
    {
        var run = CliRun.Of("measure", "--architecture", trained.ArchitecturePath, "--model", trained.ModelPath, "--test", location, "--sha256", Test.Sha256);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_model_or_one_of_another_architecture_is_refused_naming_the_file()
    {
        var truncated = Path.Combine(trained.Folder, "truncated.bin");
        var bytes = File.ReadAllBytes(trained.ModelPath);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length - 10)]);
        var run = CliRun.Of("measure", "--architecture", trained.ArchitecturePath, "--model", truncated, "--test", Test.Location, "--sha256", Test.Sha256);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {truncated}: the model is truncated", run.Error.Split('\n')[^2], StringComparison.Ordinal);

        var other = new Architecture([new Layer(3, 3, 7, 1, 1, 2, 3, 6, 2, 6), new Layer(5, 5, 8, 2, 2, 2, 3, 6, 2, 6)]);
        run = CliRun.Of("measure", "--architecture", ArchitectureJson.Write(other), "--model", trained.ModelPath, "--test", Test.Location, "--sha256", Test.Sha256);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("needs [7, 3, 3, 3]: a model of another architecture", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"layers\":[]}", "--architecture: key 'layers' is empty")]
    [InlineData("missing.json", "--architecture: 'missing.json' is neither architecture JSON")]
    public void A_bad_architecture_is_refused(string architecture, string expected)
    {
        var run = CliRun.Of("measure", "--architecture", architecture, "--model", trained.ModelPath, "--test", Test.Location, "--sha256", Test.Sha256);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }
}
