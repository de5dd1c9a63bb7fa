using System.Runtime.InteropServices;
using PoNasOrleans.Datasets;
using PoNasOrleans.MinerAgent.Data;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;
using PoNasOrleans.Training.Search;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>One <c>ponas search</c> invocation: data, torch, signals, progress and the outcome's message.</summary>
internal sealed class SearchRun(CliConsole console, SpaceReference space, SearchOptions options, string logPath, string checkpointPath, bool resume, string? connectionString)
{
    public int Execute(string dataset, int synthImages, double validationFraction, TorchRuntimeOptions runtime)
    {
        space.ReportWarnings(console.Error);
        var split = TrainValidationSplit.Of(LoadTraining(dataset, synthImages), validationFraction, options.Seed);
        var device = TorchRuntime.Configure(runtime);
        using var train = ImageTensors.From(split.Train, device);
        using var validation = ImageTensors.From(split.Validation, device);
        console.Error.WriteLine($"searching {space.Name} with {options.Layers}-layer architectures on {device.type}: {split.Train.Count} training and {split.Validation.Count} validation images; log {logPath}, checkpoint {checkpointPath}");

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var search = new LocalSearch(options, new ChildTrainer(options.Training, device), train, validation);
        var startedAt = resume ? CheckpointEpisodes() : 0;
        var progress = new SearchProgress(console.Error, options.Episodes, startedAt, interactive: ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected);
        var outcome = resume
            ? search.Resume(space.Space, logPath, checkpointPath, progress, stop.Token)
            : search.Start(space.Space, logPath, checkpointPath, progress, stop.Token);
        if (outcome.Interrupted)
        {
            progress.Break();
            console.Out.WriteLine($"interrupted after episode {outcome.Episodes} (best reward {outcome.BestReward:F4}); checkpoint {checkpointPath}; continue with the same command and --resume");
            return SearchCommand.Interrupted;
        }

        console.Out.WriteLine($"search finished: {outcome.Episodes} episodes, best reward {outcome.BestReward:F4}; log {logPath}");
        return ExitCodes.Success;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private long CheckpointEpisodes()
    {
        using var controller = CheckpointFile.Load(checkpointPath);
        return controller.Episodes;
    }

    private ImageSet LoadTraining(string dataset, int synthImages) => dataset == "synth"
        ? SyntheticCifar.Generate(new SyntheticOptions(synthImages, 1, options.Seed)).Train
        : CifarDataset.Open(DatasetLocation.Open(dataset, connectionString)).Train;
}
