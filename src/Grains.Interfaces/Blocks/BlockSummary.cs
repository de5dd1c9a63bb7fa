using System.Collections.Immutable;

namespace PoNasOrleans.Grains.Interfaces.Blocks;

/// <summary>A block as the operator sees it: task, phase, partition, leaderboard.</summary>
/// <param name="Task">The task.</param>
/// <param name="Phase">The phase now.</param>
/// <param name="OpenedAt">When the pool opened it.</param>
/// <param name="TrainingDeadline">When its training phase ends.</param>
/// <param name="Subspaces">The partition, with explorers.</param>
/// <param name="Leaderboard">The best accepted episodes of the block, best first.</param>
/// <param name="Confirmed">The confirmed architectures weak miners exploit, best first.</param>
[GenerateSerializer, Immutable, Alias("ponas.BlockSummary")]
public sealed record BlockSummary(
    [property: Id(0)] BlockTask Task,
    [property: Id(1)] BlockPhase Phase,
    [property: Id(2)] DateTimeOffset OpenedAt,
    [property: Id(3)] DateTimeOffset TrainingDeadline,
    [property: Id(4)] ImmutableArray<SubspacePlacement> Subspaces,
    [property: Id(5)] ImmutableArray<LeaderboardEntry> Leaderboard,
    [property: Id(6)] ImmutableArray<LeaderboardEntry> Confirmed);
