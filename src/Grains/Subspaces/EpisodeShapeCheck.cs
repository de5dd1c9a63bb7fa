using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Subspaces;

/// <summary>
/// The checks of a report that need nothing but the report and the task: the right block and subspace, the
/// training phase still open, numbers that can be true (sequence ≥ 1, images within the task's budget, finite
/// seconds), well-formed blob references, and the fields each kind of episode must or must not carry.
/// </summary>
/// <param name="task">The block's task.</param>
/// <param name="key">The subspace's grain key, for messages.</param>
/// <param name="name">The subspace's name.</param>
/// <param name="closedAt">When the training phase closed, or null while it is open.</param>
internal sealed class EpisodeShapeCheck(BlockTask task, string key, string name, DateTimeOffset? closedAt)
{
    /// <summary>The longest architecture JSON accepted.</summary>
    public const int MaxArchitectureLength = 16 * 1024;

    /// <summary>The first problem found, or null.</summary>
    public (ReportRefusal Refusal, string Message)? Check(EpisodeSubmission report)
    {
        if (report.Height != task.Height || report.Subspace != name)
        {
            return (ReportRefusal.Malformed, $"the report is for {report.Height}/{report.Subspace}, not {key}");
        }

        if (closedAt is { } closed)
        {
            return (ReportRefusal.PhaseOver, $"episode {report.Sequence}: the training phase of block {task.Height} closed at {closed:O}");
        }

        if (report.Sequence < 1)
        {
            return (ReportRefusal.OutOfSequence, $"episode {report.Sequence}: sequence numbers start at 1");
        }

        if (string.IsNullOrEmpty(report.Architecture) || report.Architecture.Length > MaxArchitectureLength)
        {
            return (ReportRefusal.Malformed, $"episode {report.Sequence}: the architecture must be 1–{MaxArchitectureLength} characters of JSON");
        }

        var epochs = report.Kind == EpisodeKind.Explore ? task.Epochs : task.ExploitEpochs;
        var maxImages = (long)epochs * task.TrainImages;
        if (report.ImagesTrained < 0 || report.ImagesTrained > maxImages || (!report.Feasible && report.ImagesTrained != 0))
        {
            return (ReportRefusal.Malformed, $"episode {report.Sequence}: {report.ImagesTrained} images trained is impossible (0 when infeasible, at most {epochs} epochs × {task.TrainImages} images)");
        }

        if (!double.IsFinite(report.Seconds) || report.Seconds < 0)
        {
            return (ReportRefusal.Malformed, $"episode {report.Sequence}: {report.Seconds} seconds is not a duration");
        }

        if (!Enum.IsDefined(report.Kind))
        {
            return (ReportRefusal.Malformed, $"episode {report.Sequence}: unknown kind {(int)report.Kind}");
        }

        return KindFields(report) ?? BlobFormat(report, report.Model, "model") ?? BlobFormat(report, report.Checkpoint, "checkpoint");
    }

    private static (ReportRefusal, string)? KindFields(EpisodeSubmission report) => report.Kind switch
    {
        EpisodeKind.Explore when report.Checkpoint is null =>
            (ReportRefusal.Malformed, $"episode {report.Sequence}: an exploration report must carry the controller checkpoint after it"),
        EpisodeKind.Exploit when report.Checkpoint is not null || report.ControllerEpisodes != 0 =>
            (ReportRefusal.Malformed, $"episode {report.Sequence}: an exploitation report carries no controller checkpoint or counter"),
        _ => null,
    };

    private static (ReportRefusal, string)? BlobFormat(EpisodeSubmission report, BlobRef? blob, string what) =>
        blob is not null && (blob.Name is null || blob.Sha256 is not { Length: 64 } sha || !sha.All(char.IsAsciiHexDigitLower))
            ? (ReportRefusal.Malformed, $"episode {report.Sequence}: the {what} blob's SHA-256 must be 64 lowercase hex digits")
            : null;
}
