using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Episodes;

namespace PoNasOrleans.Grains.Interfaces.Work;

/// <summary>
/// One unit of work the pool hands a miner: one episode to run and report (explore, exploit) or a wait. Upload
/// links are write-only, for exactly the blob names the report must carry, and expire.
/// </summary>
/// <param name="Kind">Explore, exploit, wait or measure.</param>
/// <param name="Height">The block height (0 before any block).</param>
/// <param name="Subspace">The subspace's name (explore, exploit).</param>
/// <param name="Space">The subspace's ranges as space JSON: every architecture must stay inside.</param>
/// <param name="Layers">Layers per architecture.</param>
/// <param name="FpgaModel">The FPGA cost model.</param>
/// <param name="LutLimit">The LUT budget.</param>
/// <param name="MinThroughput">The throughput to exceed.</param>
/// <param name="Epochs">Training epochs of this episode.</param>
/// <param name="Sequence">The sequence number the report must carry.</param>
/// <param name="ControllerEpisodes">Explorations of the subspace so far (the checkpoint's counter; explore).</param>
/// <param name="Checkpoint">The subspace's latest controller checkpoint (explore; null for a fresh controller).</param>
/// <param name="CheckpointDownload">A read link to <paramref name="Checkpoint"/>.</param>
/// <param name="CheckpointUpload">A write link for the checkpoint after this episode (explore).</param>
/// <param name="CheckpointName">The blob name the checkpoint must be reported under.</param>
/// <param name="ModelUpload">A write link for the trained model if it beats <paramref name="SubspaceBest"/>.</param>
/// <param name="ModelName">The blob name the model must be reported under.</param>
/// <param name="BaseArchitecture">The confirmed architecture to search around (exploit).</param>
/// <param name="SubspaceBest">The subspace's best reward so far (explorers' and exploiters' episodes).</param>
/// <param name="Seed">The seed of the controller (explore) or of the neighbour and training (exploit).</param>
/// <param name="EpisodeTimeBudget">Training time budget of the episode at a full budget factor (null: none).</param>
/// <param name="RetryAfter">How long to wait before pulling again (wait).</param>
/// <param name="Reason">Why the item was given, for logs.</param>
/// <param name="Measure">The models to measure on the released test split (measure).</param>
[GenerateSerializer, Immutable, Alias("ponas.WorkItem")]
public sealed record WorkItem(
    [property: Id(0)] WorkKind Kind,
    [property: Id(1)] long Height,
    [property: Id(2)] string? Subspace,
    [property: Id(3)] string? Space,
    [property: Id(4)] int Layers,
    [property: Id(5)] string? FpgaModel,
    [property: Id(6)] long LutLimit,
    [property: Id(7)] double MinThroughput,
    [property: Id(8)] int Epochs,
    [property: Id(9)] long Sequence,
    [property: Id(10)] long ControllerEpisodes,
    [property: Id(11)] BlobRef? Checkpoint,
    [property: Id(12)] Uri? CheckpointDownload,
    [property: Id(13)] Uri? CheckpointUpload,
    [property: Id(14)] string? CheckpointName,
    [property: Id(15)] Uri? ModelUpload,
    [property: Id(16)] string? ModelName,
    [property: Id(17)] string? BaseArchitecture,
    [property: Id(18)] double SubspaceBest,
    [property: Id(19)] ulong Seed,
    [property: Id(20)] TimeSpan? EpisodeTimeBudget,
    [property: Id(21)] TimeSpan RetryAfter,
    [property: Id(22)] string Reason,
    [property: Id(23)] MeasureJob? Measure = null)
{
    /// <summary>A wait item.</summary>
    public static WorkItem Wait(long height, TimeSpan retryAfter, string reason) =>
        new(WorkKind.Wait, height, null, null, 0, null, 0, 0, 0, 0, 0, null, null, null, null, null, null, null, 0, 0, null, retryAfter, reason);

    /// <summary>A measuring item: the pool's committed models of a height to measure on the released test split.</summary>
    public static WorkItem Measuring(MeasureJob job, string reason)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Wait(job.Height, TimeSpan.Zero, reason) with { Kind = WorkKind.Measure, Measure = job };
    }
}
