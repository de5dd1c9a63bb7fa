using System.CommandLine;
using PoNasOrleans.Datasets;
using PoNasOrleans.MinerAgent.Data;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary><c>ponas dataset synth|inspect</c>: make the synthetic data set, or check a CIFAR-10 binary folder.</summary>
internal static class DatasetCommand
{
    public static Command Create(CliConsole console) => new("dataset", "Make or check image data sets in the CIFAR-10 binary format")
    {
        Synth(console),
        Inspect(console),
    };

    private static Command Synth(CliConsole console)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "folder to write data_batch_1..5.bin and test_batch.bin to", Required = true };
        var train = Count("--train", "training images", 10_000);
        var test = Count("--test", "test images", 2_000);
        var seed = new Option<ulong>("--seed") { Description = "seed; the same seed and counts give the same bytes", DefaultValueFactory = _ => 1 };
        var noise = new Option<double>("--noise") { Description = "standard deviation of the pixel noise (0–128)", DefaultValueFactory = _ => 24 };
        var command = new Command("synth", "Write a deterministic synthetic data set whose classes are spatial patterns (kernel sizes, strides and channels change accuracy)")
        {
            output, train, test, seed, noise,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var options = new SyntheticOptions(parse.GetValue(train), parse.GetValue(test), parse.GetValue(seed), parse.GetValue(noise));
            var (trainImages, testImages) = SyntheticCifar.Generate(options);
            var folder = parse.GetRequiredValue(output).FullName;
            CifarDataset.Write(folder, trainImages, testImages);
            File.WriteAllLines(Path.Combine(folder, "batches.meta.txt"), SyntheticCifar.ClassNames);
            console.Out.WriteLine($"wrote {trainImages.Count} training and {testImages.Count} test images (seed {options.Seed}) to {folder}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Inspect(CliConsole console)
    {
        var folder = new Argument<string>("LOCATION") { Description = "a CIFAR-10 binary folder (cifar-10-batches-bin), a blob container URL, or blob:CONTAINER/FOLDER" };
        var connection = SearchCommand.StorageConnectionOption();
        var command = new Command("inspect", "Check a CIFAR-10 binary data set and print its image and class counts (the test split is read too)")
        {
            folder, connection,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var dataset = CifarDataset.Open(DatasetLocation.Open(parse.GetRequiredValue(folder), parse.GetValue(connection)));
            var test = dataset.ReadTest();
            console.Out.WriteLine($"train: {dataset.Train.Count} images, per class {string.Join(' ', dataset.Train.ClassCounts())}");
            console.Out.WriteLine($"test: {test.Count} images, per class {string.Join(' ', test.ClassCounts())}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<int> Count(string name, string what, int defaultValue)
    {
        var option = new Option<int>(name) { Description = $"number of {what}", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1");
            }
        });
        return option;
    }
}
