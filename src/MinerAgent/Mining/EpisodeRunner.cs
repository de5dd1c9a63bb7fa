using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Polly;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Nas.Exploitation;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;
using PoNasOrleans.Training.Controller;
using static TorchSharp.torch;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// Runs the episode of a work item with the Miner engine and prepares its report. Exploration keeps the subspace's
/// controller in memory while the pool's counter matches it, and otherwise loads the pool's latest checkpoint
/// (verifying its hash; the one fetched in advance as a warm standby when it is that one); after the episode the checkpoint goes to the issued blob. A model whose reward beats the
/// subspace's best goes to its issued blob too. Uploads go through the item's write-only links. Uploads and the
/// checkpoint's download are retried as pool calls are (<see cref="PoolRetry"/>, logged to <paramref name="log"/>), but
/// not after a 4xx answer: a finished episode outlives a storage outage of minutes, as its report does.
/// </summary>
internal sealed class EpisodeRunner(ImageTensors train, ImageTensors validation, Device device, MinerSettings settings, StandbyCheckpoint standby, TextWriter? log = null) : IDisposable
{
    private readonly ResiliencePipeline transfers = PoolRetry.Create(log ?? TextWriter.Null, transient: PoolRetry.IsTransientDownload);
    private ArchitectureController? controller;
    private string? controllerKey;

    /// <summary>Runs the item's episode; throws <see cref="OperationCanceledException"/> when stopped before it finished (nothing is recorded then).</summary>
    public async Task<EpisodeSubmission> Run(WorkItem item, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(item);
        var clock = Stopwatch.StartNew();
        var space = SpaceJson.Parse(item.Space ?? throw new InvalidDataException("the work item has no space"));
        var fpga = FpgaCostModels.Get(item.FpgaModel ?? throw new InvalidDataException("the work item has no FPGA model"));
        var constraints = new FpgaConstraints(item.LutLimit, item.MinThroughput);
        if (item.Kind == WorkKind.Explore)
        {
            var explorer = await Controller(item, space, cancellation);
            var sample = explorer.Sample();
            var (estimate, reward, images, model) = Train(sample.Architecture, fpga, constraints, item, Seed(item), cancellation);
            explorer.Record(sample, reward);
            using var checkpoint = new MemoryStream();
            explorer.Save(checkpoint);
            var checkpointRef = await Upload(item.CheckpointUpload!, item.CheckpointName!, checkpoint.ToArray(), cancellation);
            var modelRef = await UploadIfBest(item, reward, model, cancellation);
            return Submission(item, EpisodeKind.Explore, sample.Architecture, estimate, reward, images, clock.Elapsed, modelRef, checkpointRef, explorer.Episodes);
        }

        var neighbour = Neighbourhood.Draw(ArchitectureJson.Parse(item.BaseArchitecture ?? throw new InvalidDataException("an exploit item needs a base architecture"), space, item.Layers), space, item.Seed);
        var exploited = Train(neighbour, fpga, constraints, item, item.Seed, cancellation);
        var exploitModel = await UploadIfBest(item, exploited.Reward, exploited.Model, cancellation);
        return Submission(item, EpisodeKind.Exploit, neighbour, exploited.Estimate, exploited.Reward, exploited.Images, clock.Elapsed, exploitModel, null, 0);
    }

    /// <summary>Forgets the cached controller (after a refused report the pool's checkpoint is the truth).</summary>
    public void Forget()
    {
        controller?.Dispose();
        controller = null;
        controllerKey = null;
    }

    public void Dispose() => Forget();

    private static ulong Seed(WorkItem item) => item.Seed ^ (0x9E3779B97F4A7C15UL * (ulong)(item.ControllerEpisodes + 1));

    private (FpgaEstimate Estimate, double Reward, long Images, byte[]? Model) Train(Architecture architecture, IFpgaCostModel fpga, FpgaConstraints constraints, WorkItem item, ulong seed, CancellationToken cancellation)
    {
        var estimate = fpga.Estimate(architecture, constraints);
        if (!estimate.Feasible)
        {
            return (estimate, 0, 0, null);
        }

        var options = new TrainingOptions(
            MaxEpochs: item.Epochs,
            BatchSize: settings.BatchSize,
            Quantization: settings.Quantization,
            EpisodeTimeBudget: item.EpisodeTimeBudget,
            TimeBudgetFactor: item.EpisodeTimeBudget is null ? 1 : settings.TimeBudgetFactor);
        using var model = new MemoryStream();
        var result = new ChildTrainer(options, device).Train(architecture, train, validation, seed, trainedModel: model, cancellation: cancellation);
        cancellation.ThrowIfCancellationRequested();
        AgentTelemetry.Trained(AgentTelemetry.Kind(item.Kind), result);
        TorchRuntime.ReleaseFreeMemory();
        return (estimate, result.Reward, result.Epochs.Sum(e => (long)e.Images), model.ToArray());
    }

    private async Task<ArchitectureController> Controller(WorkItem item, SearchSpace space, CancellationToken cancellation)
    {
        var key = $"{item.Height}/{item.Subspace}";
        if (controller is not null && controllerKey == key && controller.Episodes == item.ControllerEpisodes)
        {
            return controller;
        }

        Forget();
        ArchitectureController loaded;
        if (item.Checkpoint is null)
        {
            if (item.ControllerEpisodes != 0)
            {
                throw new InvalidDataException($"{key}: the pool counts {item.ControllerEpisodes} explorations but gave no checkpoint");
            }

            loaded = new ArchitectureController(space, item.Layers, item.Seed);
        }
        else
        {
            var link = item.CheckpointDownload ?? throw new InvalidDataException($"{key}: checkpoint {item.Checkpoint.Name} comes without a download link");
            var bytes = await transfers.ExecuteAsync(async token => await standby.Get(item.Checkpoint, link, token), cancellation);
            loaded = ArchitectureController.Load(new MemoryStream(bytes));
            if (!loaded.Subspace.Equals(space) || loaded.Episodes != item.ControllerEpisodes)
            {
                loaded.Dispose();
                throw new InvalidDataException($"{key}: checkpoint {item.Checkpoint.Name} is for another space or episode");
            }
        }

        (controller, controllerKey) = (loaded, key);
        return loaded;
    }

    private async Task<BlobRef?> UploadIfBest(WorkItem item, double reward, byte[]? model, CancellationToken cancellation) =>
        model is not null && reward > item.SubspaceBest ? await Upload(item.ModelUpload!, item.ModelName!, model, cancellation) : null;

    private async Task<BlobRef> Upload(Uri link, string name, byte[] content, CancellationToken cancellation)
    {
        await transfers.ExecuteAsync(async token => await new BlobClient(link).UploadAsync(new BinaryData(content), overwrite: true, token), cancellation);
        return new BlobRef(name, Sha256(content));
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static EpisodeSubmission Submission(WorkItem item, EpisodeKind kind, Architecture architecture, FpgaEstimate estimate, double reward, long images, TimeSpan elapsed, BlobRef? model, BlobRef? checkpoint, long controllerEpisodes) => new(
        item.Height, item.Subspace!, item.Sequence, kind, ArchitectureJson.Write(architecture), estimate.Luts, estimate.Throughput, estimate.Feasible,
        reward, images, elapsed.TotalSeconds, model, checkpoint, controllerEpisodes);
}
