using PoNasOrleans.Grains.Interfaces.Blocks;

namespace PoNasOrleans.Grains.Interfaces.Consensus;

/// <summary>One of the pool's commitments of a height: the leaderboard entry, and how far it got.</summary>
/// <param name="Entry">The leaderboard entry whose model is committed.</param>
/// <param name="Commitment">SHA-256(model bytes ‖ the pool's participant id), lowercase hex.</param>
/// <param name="Sent">Whether the chain accepted the commitment.</param>
/// <param name="Accuracy">The measured test accuracy, once measured.</param>
/// <param name="Revealed">Whether the chain accepted the reveal.</param>
/// <param name="Refusal">The chain's refusal of the commitment or the reveal, if any.</param>
[GenerateSerializer, Immutable, Alias("ponas.PoolCommitment")]
public sealed record PoolCommitment(
    [property: Id(0)] LeaderboardEntry Entry,
    [property: Id(1)] string Commitment,
    [property: Id(2)] bool Sent,
    [property: Id(3)] double? Accuracy,
    [property: Id(4)] bool Revealed,
    [property: Id(5)] string? Refusal);
