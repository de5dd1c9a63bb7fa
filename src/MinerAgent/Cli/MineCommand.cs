using System.CommandLine;
using PoNasOrleans.Datasets;
using PoNasOrleans.MinerAgent.Data;
using PoNasOrleans.MinerAgent.Mining;
using PoNasOrleans.Training;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary><c>ponas mine</c>: the miner agent: joins the pool through its Orleans gateway and works until stopped or evicted.</summary>
internal static class MineCommand
{
    /// <summary>The environment variable that may hold the credential (better than the command line, which other users can see).</summary>
    public const string CredentialVariable = "PONAS_MINER_CREDENTIAL";

    public static Command Create(CliConsole console)
    {
        var minerId = new Option<string>("--miner-id") { Description = "this miner's id, as the pool registered it", Required = true };
        var credential = new Option<string?>("--credential") { Description = $"the pool-issued credential (default: ${CredentialVariable})" };
        var dataset = new Option<string>("--dataset") { Description = "a CIFAR-10 binary folder, a blob container, or 'synth' for the synthetic data set", DefaultValueFactory = _ => "synth" };
        var connection = SearchCommand.StorageConnectionOption();
        var synthImages = new Option<int>("--synth-images") { Description = "training images of the synthetic data set", DefaultValueFactory = _ => 5000 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the synthetic data and of the validation split", DefaultValueFactory = _ => 1 };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "share of the training images held out for rewards", DefaultValueFactory = _ => 0.1 };
        var timeFactor = new Option<double>("--time-budget-factor") { Description = "share of each episode's time budget this miner gets (a weak miner: 0.1)", DefaultValueFactory = _ => 1.0 };
        var batch = new Option<int>("--batch-size") { Description = "images per SGD step", DefaultValueFactory = _ => 128 };
        var heartbeat = new Option<double>("--heartbeat") { Description = "seconds between heartbeats", DefaultValueFactory = _ => 10 };
        var scheduledEvents = new Option<string?>("--scheduled-events") { Description = $"Azure Scheduled Events endpoint to poll for eviction ('azure' for {EvictionNotice.Azure}; default: none)" };
        var maxEpisodes = new Option<int>("--max-episodes") { Description = "leave after this many accepted episodes (0: work until stopped)", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: libtorch's choice)" };

        var pool = new PoolSwitches();
        var telemetry = new TelemetrySwitches();
        var command = new Command("mine", "Join the pool and mine: calibrate, pull work, run episodes, upload models and checkpoints, report; leave on SIGTERM or an eviction notice")
        {
            minerId, credential, dataset, connection, synthImages, seed, validationFraction, timeFactor, batch, heartbeat, scheduledEvents, maxEpisodes, threads,
        };
        pool.AddTo(command);
        telemetry.AddTo(command);
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var secret = parse.GetValue(credential) ?? Environment.GetEnvironmentVariable(CredentialVariable);
            if (string.IsNullOrEmpty(secret))
            {
                throw new ArgumentException($"a credential is required: --credential or ${CredentialVariable}");
            }

            var factor = parse.GetValue(timeFactor);
            Require(factor is > 0 and <= 1, "--time-budget-factor must lie in (0, 1]");
            Require(parse.GetValue(batch) >= 1, "--batch-size must be at least 1");
            Require(parse.GetValue(heartbeat) is > 0 and <= 3600, "--heartbeat must lie in (0, 3600] seconds");
            Require(parse.GetValue(maxEpisodes) >= 0, "--max-episodes must not be negative");
            Require(parse.GetValue(synthImages) >= 10, "--synth-images must be at least 10");
            var events = parse.GetValue(scheduledEvents) switch
            {
                null => null,
                "azure" => EvictionNotice.Azure,
                var text => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--scheduled-events: '{text}' is not an absolute URL"),
            };
            var settings = new MinerSettings(
                parse.GetRequiredValue(minerId), secret, factor, parse.GetValue(batch), QuantizationMode.PostTraining,
                TimeSpan.FromSeconds(parse.GetValue(heartbeat)), events, parse.GetValue(maxEpisodes));
            var run = new MineRun(console, settings, pool.Read(parse), parse.GetValue(connection), telemetry.Read(parse));
            var source = parse.GetRequiredValue(dataset);
            var images = parse.GetValue(synthImages);
            var dataSeed = parse.GetValue(seed);
            var storage = parse.GetValue(connection);
            return run.Execute(
                () => source == "synth" ? SyntheticCifar.Generate(new SyntheticOptions(images, 1, dataSeed)).Train : CifarDataset.Open(DatasetLocation.Open(source, storage)).Train,
                parse.GetValue(validationFraction),
                dataSeed,
                new TorchRuntimeOptions { IntraOpThreads = parse.GetValue(threads) });
        }));
        return command;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
