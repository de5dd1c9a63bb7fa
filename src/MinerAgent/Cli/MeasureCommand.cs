using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using PoNasOrleans.Datasets;
using PoNasOrleans.MinerAgent.Data;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// <c>ponas measure</c>: the test accuracy of a trained model from its bytes, as a validator measures a claim: the
/// released test split (checked against its SHA-256), a fresh network of the architecture with the model's weights,
/// the quantized accuracy exactly as the trainer evaluates it.
/// </summary>
internal static class MeasureCommand
{
    public static Command Create(CliConsole console)
    {
        var architecture = new Option<string>("--architecture") { Description = "the model's architecture: a JSON file, or the JSON itself ({\"layers\":[…]})", Required = true };
        var model = new Option<FileInfo>("--model") { Description = "the trained model: the bytes the trainer saved (TorchSharp module format)", Required = true };
        model.AcceptExistingOnly();
        var test = new Option<string>("--test") { Description = "the released test split: synth:test?seed=S&count=N[&noise=X], a folder holding test_batch.bin, or a blob container (URL, or blob:CONTAINER/FOLDER with a connection string)", Required = true };
        var sha256 = new Option<string>("--sha256") { Description = "the SHA-256 the chain released with the test split (of its CIFAR-10 binary bytes), 64 hex digits", Required = true };
        var connection = SearchCommand.StorageConnectionOption();
        var quantization = new Option<string>("--quantization") { Description = "post-training (the reference) or aware: the fixed-point accuracy; none: full precision", DefaultValueFactory = _ => "post-training" };
        quantization.AcceptOnlyFromAmong("post-training", "aware", "none");
        var batch = SearchCommand.Positive("--batch-size", "images per evaluation step", new TrainingOptions().BatchSize);
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: libtorch's choice)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of a line of text" };

        var command = new Command("measure", "Measure a trained model's accuracy on a released test split, as the chain's validators do (the split's SHA-256 is checked)")
        {
            architecture, model, test, sha256, connection, quantization, batch, threads, json,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var layers = ReadArchitecture(parse.GetRequiredValue(architecture));
            var modelFile = parse.GetRequiredValue(model).FullName;
            var bytes = File.ReadAllBytes(modelFile);
            var location = parse.GetRequiredValue(test);
            var hash = parse.GetRequiredValue(sha256);
            var images = DatasetLocation.IsBlob(location)
                ? TestSplitReference.Resolve(DatasetLocation.Open(location, parse.GetValue(connection)), hash)
                : TestSplitReference.Resolve(location, hash);
            var mode = parse.GetRequiredValue(quantization);
            var options = new TrainingOptions(BatchSize: parse.GetValue(batch), Quantization: SearchCommand.Mode(mode));
            var device = TorchRuntime.Configure(new TorchRuntimeOptions { IntraOpThreads = parse.GetValue(threads) });
            console.Error.WriteLine($"measuring {modelFile} ({layers.Layers.Length} layers) on {images.Count} test images on {device.type}");

            using var tensors = ImageTensors.From(images, device);
            double accuracy;
            try
            {
                accuracy = new ModelMeasurement(options, device).Measure(layers, bytes, tensors);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{modelFile}: {e.Message}", e);
            }

            // accuracy = correct / images exactly, so the count comes back without rounding error
            var correct = (long)Math.Round(accuracy * images.Count);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(console.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("accuracy", accuracy);
                    writer.WriteNumber("correct", correct);
                    writer.WriteNumber("images", images.Count);
                    writer.WriteString("quantization", mode);
                    writer.WriteString("model_sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
                    writer.WriteString("test", location);
                    writer.WriteString("test_sha256", hash.ToLowerInvariant());
                    writer.WriteEndObject();
                });
            }
            else
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:R} ({correct} of {images.Count} test images, quantization {mode})"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>An architecture given as its JSON or as the path of a file holding it.</summary>
    private static Architecture ReadArchitecture(string value)
    {
        var inline = value.TrimStart().StartsWith('{');
        if (!inline && !File.Exists(value))
        {
            throw new FileNotFoundException($"--architecture: '{value}' is neither architecture JSON ({{\"layers\":[…]}}) nor an existing file");
        }

        try
        {
            return ArchitectureJson.Parse(inline ? value : File.ReadAllText(value));
        }
        catch (ArchitectureFormatException e)
        {
            throw new ArchitectureFormatException($"{(inline ? "--architecture" : value)}: {e.Message}", e);
        }
    }
}
