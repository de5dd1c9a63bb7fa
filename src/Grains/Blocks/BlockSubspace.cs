namespace PoNasOrleans.Grains.Blocks;

/// <summary>A subspace of a block's partition as the block tracks it.</summary>
[GenerateSerializer, Alias("ponas.BlockSubspace")]
public sealed class BlockSubspace
{
    [Id(0)]
    public string Name { get; set; } = "";

    [Id(1)]
    public string Space { get; set; } = "";

    [Id(2)]
    public string? Explorer { get; set; }

    [Id(3)]
    public bool Explored { get; set; }

    /// <summary>The warm standby that takes the subspace over when its explorer leaves.</summary>
    [Id(4)]
    public string? Backup { get; set; }
}
