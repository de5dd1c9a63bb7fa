using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PoNasOrleans.Experiments.Pool;
using PoNasOrleans.Experiments.Results;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Shapes;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Experiments;

/// <summary>
/// Seconds per one-epoch episode of a reference architecture of the paper's six layers on this machine's CPU with one
/// libtorch thread (as every agent of the experiments trains) on the budget's data: the agent's own local search
/// (<c>ponas search</c>, the training code the miners run) on a space that holds only that architecture. The base of
/// the paper-scale estimate in docs/experiments.md. Not a pool run: a single process, nothing else of the experiment running beside it.
/// </summary>
internal static class ReferenceTiming
{
    public const string Name = "reference";

    /// <summary>The reference layer, six times: 3×3 convolutions with 36 filters, stride 1, no pooling, fixed point 1.4 (feasible: 97,416 LUTs, 4,806 images/s on the <c>tiled</c> model).</summary>
    public static readonly Layer Layer = new(3, 3, 36, 1, 1, 1, 1, 4, 1, 4);

    /// <summary>The paper's episode: 30 epochs over CIFAR-10's 45,000 training images left after a validation tenth.</summary>
    public const double PaperImagesPerEpisode = 30.0 * 45_000;

    /// <summary>The paper's layers: the reference is timed at the paper's depth whatever the budget's.</summary>
    public const int Layers = 6;

    /// <summary>Episodes run, of one epoch each (the time per image is what scales); the first is a warm-up and not counted.</summary>
    private const int Episodes = 3;

    public static async Task<ExperimentResult> Run(ExperimentSettings settings, ExperimentLog log, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        var folder = settings.Folder(Name);
        var architecture = new Architecture([.. Enumerable.Repeat(Layer, Layers)]);
        var space = SearchSpace.Create([.. Hyperparameters.All.Select(h => (IReadOnlyList<int>)[Layer[h]])]);
        var spaceFile = Path.Combine(folder, "reference-space.json");
        var episodesFile = Path.Combine(folder, "search.jsonl");
        await File.WriteAllTextAsync(spaceFile, SpaceJson.Write(space), stopping);
        File.Delete(episodesFile);
        File.Delete(episodesFile + ".ckpt");

        log.Line($"reference: {Episodes} episodes of {Layers} × (3×3, 36 filters, stride 1) on one thread, one epoch of {settings.Data.TrainImages} images each");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[
            Builds.Agent, "search", "--space", spaceFile, "--layers", $"{Layers}", "--episodes", $"{Episodes}", "--epochs", "1",
            .. settings.Data.AgentArguments, "--threads", "1", "--batch-size", $"{settings.Budget.BatchSize}", "--out", episodesFile])
        {
            start.ArgumentList.Add(argument);
        }

        using var search = Process.Start(start) ?? throw new InvalidOperationException("ponas search did not start");
        var output = search.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = search.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(settings.Budget.BlockTimeout);
        try
        {
            await search.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            search.Kill(entireProcessTree: true);
            throw;
        }

        if (search.ExitCode != 0)
        {
            throw new InvalidOperationException($"ponas search exited with {search.ExitCode}:\n{await output}\n{await errors}");
        }

        var episodes = (await File.ReadAllLinesAsync(episodesFile, stopping)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var timed = episodes.Skip(1).Select(e => e.GetProperty("seconds").GetDouble()).ToList();
        var seconds = timed.Average();
        var imagesPerSecond = settings.Data.TrainImages / seconds;
        var macs = ChildNetworkShape.MultiplyAccumulates(architecture);
        var estimate = FpgaCostModels.Get("tiled").Estimate(architecture, new FpgaConstraints(100_000, 10));
        var paperEpisode = PaperImagesPerEpisode / imagesPerSecond;
        ImmutableArray<SummaryRow> rows =
        [
            new("reference", "seconds_per_epoch", seconds, string.Create(CultureInfo.InvariantCulture, $"mean of episodes 2–{Episodes}: {string.Join(", ", timed.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} s")),
            new("reference", "images_per_second", imagesPerSecond, "training images per second of episode time (training plus the validation pass)"),
            new("reference", "forward_macs_per_image", macs, "convolutions and the head's two linear layers"),
            new("reference", "training_gflops", 3 * 2 * macs * imagesPerSecond / 1e9, "≈ 3 × forward FLOPs per trained image (forward and backward)"),
            new("reference", "luts", estimate.Luts, estimate.Feasible ? "feasible" : "infeasible"),
            new("paper", "episode_hours_on_this_cpu", paperEpisode / 3600, "30 epochs × 45,000 images at this speed, one thread, no early stop"),
            new("paper", "subspace_days_on_this_cpu", 2000 * paperEpisode / 86400, "2,000 such episodes (every one feasible and of this size)"),
        ];
        var result = new ExperimentResult(Name, settings.Budget.Name, settings.Seed, settings.Data.Location, settings.Data.TrainImages, clock.Elapsed.TotalSeconds,
            [.. episodes.Select(e => new CurvePoint("reference", CurvePoint.BestReward, e.GetProperty("episode").GetInt32(), e.GetProperty("best_so_far").GetDouble()))], rows,
            [
                $"One process of the agent's local search (ponas search) on the one-architecture space reference-space.json; episode seconds as it logs them (search.jsonl); {Environment.ProcessorCount} cores, nothing else of the experiment running.",
                "Seconds cover training, the validation pass and the controller's sample; the paper-scale figures scale them by images only.",
            ]);
        ResultFiles.Write(result, folder);
        return result;
    }
}
