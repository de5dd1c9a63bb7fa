using PoNasOrleans.Grains.Interfaces.Blocks;

namespace PoNasOrleans.Grains.Blocks;

/// <summary>The stored state of a block: task, deadlines, partition with explorers, the bounded leaderboard and confirmed list.</summary>
[GenerateSerializer, Alias("ponas.BlockState")]
public sealed class BlockState
{
    [Id(0)]
    public BlockTask? Task { get; set; }

    [Id(1)]
    public DateTimeOffset OpenedAt { get; set; }

    [Id(2)]
    public DateTimeOffset Deadline { get; set; }

    [Id(3)]
    public List<BlockSubspace> Subspaces { get; set; } = [];

    [Id(4)]
    public List<LeaderboardEntry> Leaderboard { get; set; } = [];

    [Id(5)]
    public List<LeaderboardEntry> Confirmed { get; set; } = [];
}
