using System.Security.Cryptography;
using Azure.Storage.Blobs;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Nas.Exploitation;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.LocalPool;

/// <summary>
/// Honest reports of episodes that were not trained (grain tests, load benchmark): a feasible architecture of the
/// item's subspace (or the drawn neighbour of its base architecture), the item's own FPGA estimate, the images
/// the item allows, and real uploads of a small checkpoint (exploration) and model through the issued links.
/// The agent's <c>EpisodeRunner</c> does the same around real training.
/// </summary>
public static class HonestEpisode
{
    private const int MaxDraws = 10_000;

    /// <summary>The report of an episode of <paramref name="item"/> that reached <paramref name="reward"/> (0 when the architecture is infeasible).</summary>
    /// <param name="item">An explore or exploit item.</param>
    /// <param name="reward">The reward in [0, 1] claimed when the architecture is feasible.</param>
    /// <param name="trainImages">Training images per epoch of the block's task.</param>
    /// <param name="seed">Seed of an explored architecture, and part of the uploaded content.</param>
    /// <param name="withModel">Whether to upload a model too (only a feasible architecture is trained, so only it has one).</param>
    /// <param name="seconds">The episode's claimed wall-clock seconds.</param>
    /// <param name="cancellation">Stops the uploads.</param>
    public static async Task<EpisodeSubmission> Report(WorkItem item, double reward, int trainImages, ulong seed = 1, bool withModel = false, double seconds = 2.5, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var space = SpaceJson.Parse(item.Space ?? throw new ArgumentException("the work item has no space", nameof(item)));
        var architecture = item.Kind == WorkKind.Exploit
            ? Neighbourhood.Draw(ArchitectureJson.Parse(item.BaseArchitecture ?? throw new ArgumentException("an exploit item needs a base architecture", nameof(item))), space, item.Seed)
            : Feasible(space, item, seed);
        var estimate = Estimate(item, architecture);
        var checkpoint = item.Kind == WorkKind.Explore ? await Upload(item.CheckpointUpload!, item.CheckpointName!, $"checkpoint {item.Sequence} {seed}", cancellation) : null;
        var model = withModel && estimate.Feasible ? await Upload(item.ModelUpload!, item.ModelName!, $"model {item.Sequence} {seed}", cancellation) : null;
        return new EpisodeSubmission(
            item.Height, item.Subspace!, item.Sequence, item.Kind == WorkKind.Explore ? EpisodeKind.Explore : EpisodeKind.Exploit,
            ArchitectureJson.Write(architecture), estimate.Luts, estimate.Throughput, estimate.Feasible, estimate.Feasible ? reward : 0,
            estimate.Feasible ? (long)item.Epochs * trainImages : 0, seconds, model, checkpoint,
            item.Kind == WorkKind.Explore ? item.ControllerEpisodes + 1 : 0);
    }

    /// <summary>The item's FPGA estimate of an architecture (the model and constraints the pool checks with).</summary>
    public static FpgaEstimate Estimate(WorkItem item, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(item);
        return FpgaCostModels.Get(item.FpgaModel!).Estimate(architecture, new FpgaConstraints(item.LutLimit, item.MinThroughput));
    }

    /// <summary>Uploads text through a write link and returns the reference a report carries.</summary>
    public static async Task<BlobRef> Upload(Uri link, string name, string content, CancellationToken cancellation = default)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        await new BlobClient(link).UploadAsync(new BinaryData(bytes), overwrite: true, cancellation);
        return new BlobRef(name, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static Architecture Feasible(SearchSpace space, WorkItem item, ulong seed)
    {
        var random = new SeededRandom(seed);
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var architecture = space.SampleArchitecture(item.Layers, random);
            if (Estimate(item, architecture).Feasible)
            {
                return architecture;
            }
        }

        throw new InvalidOperationException($"no feasible architecture of {item.Subspace} in {MaxDraws} draws");
    }
}
