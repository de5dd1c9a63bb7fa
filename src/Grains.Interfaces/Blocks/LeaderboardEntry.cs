using PoNasOrleans.Grains.Interfaces.Episodes;

namespace PoNasOrleans.Grains.Interfaces.Blocks;

/// <summary>An accepted episode on a leaderboard (the subspace's or the block's).</summary>
/// <param name="Subspace">The subspace's name (e.g. "S3").</param>
/// <param name="MinerId">The miner that ran it.</param>
/// <param name="Sequence">The miner's episode number in that subspace.</param>
/// <param name="Kind">Exploration or exploitation.</param>
/// <param name="Architecture">The architecture, as architecture JSON.</param>
/// <param name="Reward">Its reward (validation accuracy).</param>
/// <param name="Model">The uploaded model, when the miner uploaded one.</param>
/// <param name="AcceptedAt">When the pool accepted it.</param>
[GenerateSerializer, Immutable, Alias("ponas.LeaderboardEntry")]
public sealed record LeaderboardEntry(
    [property: Id(0)] string Subspace,
    [property: Id(1)] string MinerId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] EpisodeKind Kind,
    [property: Id(4)] string Architecture,
    [property: Id(5)] double Reward,
    [property: Id(6)] BlobRef? Model,
    [property: Id(7)] DateTimeOffset AcceptedAt)
{
    /// <summary>Whether both entries are the same episode (the idempotency key: subspace, miner, sequence).</summary>
    public bool SameEpisode(LeaderboardEntry other) =>
        other is not null && Subspace == other.Subspace && MinerId == other.MinerId && Sequence == other.Sequence;
}
