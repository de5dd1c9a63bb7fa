using System.Collections.Immutable;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.Grains.Interfaces.Subspaces;

/// <summary>
/// One subspace of a block (key: "{height}/{name}"): its ranges, explorer, the append-only episode
/// log (in a table, not in the grain's state), best-reward curve, controller checkpoint and confirmed architectures.
/// Called by the block and by miner grains, never by agents.
/// </summary>
[Alias("ponas.ISubspaceGrain")]
public interface ISubspaceGrain : IGrainWithStringKey
{
    /// <summary>Sets the subspace up for a block's task, accepting reports until <paramref name="deadline"/> (idempotent; the block calls it when it opens).</summary>
    [Alias("Open")]
    Task Open(BlockTask task, string space, DateTimeOffset deadline);

    /// <summary>Stops accepting reports now (the block's training phase was closed early).</summary>
    [Alias("Close")]
    Task Close();

    /// <summary>Admits a miner as the explorer (replacing any other) and tells where the exploration stands.</summary>
    [Alias("Admit")]
    Task<SubspaceTicket> Admit(string minerId);

    /// <summary>Withdraws a miner's exploration: its later exploration reports are refused.</summary>
    [Alias("Dismiss")]
    Task Dismiss(string minerId);

    /// <summary>
    /// Checks and stores a miner's episode report; refused reports throw <see cref="EpisodeRefusedException"/> and change
    /// nothing but the refusal count. <paramref name="expectedSequence"/> is the miner's next sequence number in the
    /// subspace (its miner grain keeps the count): a lower one is a retry of a stored episode, a higher one is out of
    /// sequence. A new subspace best comes back in <see cref="SubspaceReceipt.Offers"/> for the caller to offer to the block.
    /// </summary>
    [Alias("Report")]
    Task<SubspaceReceipt> Report(string minerId, long expectedSequence, EpisodeSubmission report);

    /// <summary>The subspace, or null when it was never opened.</summary>
    [Alias("Describe")]
    Task<SubspaceSummary?> Describe();

    /// <summary>Accepted episodes in acceptance order, from the log.</summary>
    [Alias("Episodes")]
    Task<ImmutableArray<EpisodeEntry>> Episodes(int skip, int take);
}
