using System.Collections.Immutable;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Subspaces;

namespace PoNasOrleans.Grains.Subspaces;

/// <summary>A checked report waiting for the subspace's next log transaction, and how its report call learns the outcome.</summary>
internal sealed class PendingEpisode(string minerId, EpisodeSubmission report, long workUnits)
{
    private readonly TaskCompletionSource<Committed> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string MinerId => minerId;

    public EpisodeSubmission Report => report;

    public long WorkUnits => workUnits;

    /// <summary>Completes when the episode was stored and taken in (a receipt), or has to be checked again.</summary>
    public Task<Committed> Outcome => done.Task;

    public void Complete(Committed committed) => done.TrySetResult(committed);

    public void Fail(Exception error) => done.TrySetException(error);
}

/// <summary>
/// What became of a pending episode: its receipt, or none when the subspace's summaries changed under it (its log
/// held entries the snapshot did not: <paramref name="RolledForward"/> are their new bests; or its explorer changed)
/// and the report has to be checked again.
/// </summary>
internal sealed record Committed(SubspaceReceipt? Receipt, ImmutableArray<LeaderboardEntry> RolledForward);
