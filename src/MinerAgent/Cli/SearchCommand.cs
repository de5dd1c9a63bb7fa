using System.CommandLine;
using PoNasOrleans.MinerAgent.Data;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;
using PoNasOrleans.Training.Controller;
using PoNasOrleans.Training.Search;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// <c>ponas search</c>: a local single-miner NAS search over one space, with a run log, a checkpoint after every
/// episode, Ctrl-C or SIGTERM to stop cleanly, and <c>--resume</c> to continue.
/// </summary>
internal static class SearchCommand
{
    /// <summary>Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    public static Command Create(CliConsole console)
    {
        var space = new Option<string>("--space") { Description = "the space to search: a preset (paper:S1 … paper:S9, paper) or a space JSON file", Required = true };
        var layers = Positive("--layers", "layers per architecture", 6);
        var episodes = Positive("--episodes", "episodes in all (a resumed run continues up to this number)", 100);
        var epochs = Positive("--epochs", "training epochs at most per feasible candidate (the paper: 30)", 30);
        var dataset = new Option<string>("--dataset") { Description = "a CIFAR-10 binary folder, a blob container (URL, or blob:CONTAINER/FOLDER with a connection string), or 'synth' for the synthetic data set made from --seed", DefaultValueFactory = _ => "synth" };
        var connection = StorageConnectionOption();
        var synthImages = Positive("--synth-images", "training images of the synthetic data set", 5000);
        var seed = new Option<ulong>("--seed") { Description = "seed of the controller, the validation split, the synthetic data and the training", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "run log: one JSON line per episode", Required = true };
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "controller checkpoint, replaced after every episode (default: the run log's path + .ckpt)" };
        var resume = new Option<bool>("--resume") { Description = "continue the run of --out and --checkpoint" };
        var model = new Option<string>("--fpga-model") { Description = "FPGA cost model", DefaultValueFactory = _ => "tiled" };
        model.AcceptOnlyFromAmong([.. FpgaCostModels.Names]);
        var lutLimit = new Option<long>("--lut-limit") { Description = "LUT budget", DefaultValueFactory = _ => 100_000 };
        var minThroughput = new Option<double>("--min-throughput") { Description = "throughput a feasible architecture must exceed, images/s", DefaultValueFactory = _ => 10 };
        var quantization = new Option<string>("--quantization") { Description = "post-training (the reference), aware (straight-through estimator) or none", DefaultValueFactory = _ => "post-training" };
        quantization.AcceptOnlyFromAmong("post-training", "aware", "none");
        var batch = Positive("--batch-size", "images per SGD step", 128);
        var learningRate = new Option<double>("--learning-rate") { Description = "SGD learning rate of the child networks", DefaultValueFactory = _ => 0.01 };
        var timeBudget = new Option<double?>("--time-budget") { Description = "seconds of training per episode at most (default: no limit)" };
        var timeFactor = new Option<double>("--time-budget-factor") { Description = "share of --time-budget this miner gets (a weak miner: 0.1)", DefaultValueFactory = _ => 1.0 };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "share of the training images held out for rewards", DefaultValueFactory = _ => 0.1 };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: libtorch's choice)" };
        var controllerRate = new Option<double>("--controller-learning-rate") { Description = "the controller's Adam learning rate", DefaultValueFactory = _ => new ControllerOptions().LearningRate };

        var command = new Command("search", "Run a local NAS search over one space: sample, check on the FPGA model, train, learn; resumable")
        {
            space, layers, episodes, epochs, dataset, connection, synthImages, seed, output, checkpoint, resume, model, lutLimit, minThroughput,
            quantization, batch, learningRate, timeBudget, timeFactor, validationFraction, threads, controllerRate,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var budget = parse.GetValue(timeBudget);
            var options = new SearchOptions(
                parse.GetValue(layers),
                parse.GetValue(episodes),
                parse.GetValue(seed),
                FpgaCostModels.Get(parse.GetRequiredValue(model)),
                new FpgaConstraints(parse.GetValue(lutLimit), parse.GetValue(minThroughput)),
                new TrainingOptions(
                    MaxEpochs: parse.GetValue(epochs),
                    BatchSize: parse.GetValue(batch),
                    LearningRate: parse.GetValue(learningRate),
                    Quantization: Mode(parse.GetRequiredValue(quantization)),
                    EpisodeTimeBudget: budget is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    TimeBudgetFactor: parse.GetValue(timeFactor)),
                new ControllerOptions(LearningRate: parse.GetValue(controllerRate)));
            options.Validate();
            var log = parse.GetRequiredValue(output).FullName;
            var run = new SearchRun(
                console,
                SpaceReference.Resolve(parse.GetRequiredValue(space)),
                options,
                log,
                parse.GetValue(checkpoint)?.FullName ?? log + ".ckpt",
                parse.GetValue(resume),
                parse.GetValue(connection));
            return run.Execute(
                parse.GetRequiredValue(dataset),
                parse.GetValue(synthImages),
                parse.GetValue(validationFraction),
                new TorchRuntimeOptions { IntraOpThreads = parse.GetValue(threads) });
        }));
        return command;
    }

    /// <summary>The storage account of a blob data set (default: the environment variable PONAS_STORAGE_CONNECTION_STRING).</summary>
    internal static Option<string?> StorageConnectionOption() => new("--storage-connection-string")
    {
        Description = $"connection string of the storage account of a blob data set (default: ${{{DatasetLocation.ConnectionStringVariable}}}; prefer the variable, command lines are visible to other users)",
    };

    /// <summary>The quantization mode of a <c>--quantization</c> value (post-training, aware or none).</summary>
    internal static QuantizationMode Mode(string name) => name switch
    {
        "aware" => QuantizationMode.QuantizationAware,
        "none" => QuantizationMode.None,
        _ => QuantizationMode.PostTraining,
    };

    /// <summary>An integer option of at least 1.</summary>
    internal static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
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
