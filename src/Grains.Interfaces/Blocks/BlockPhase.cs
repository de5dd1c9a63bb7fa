namespace PoNasOrleans.Grains.Interfaces.Blocks;

/// <summary>Where a block is in its life as the pool sees it.</summary>
public enum BlockPhase
{
    /// <summary>Miners search and train; reports are accepted.</summary>
    Training,

    /// <summary>The training phase is over (deadline passed or closed by the operator); no more work is handed out or accepted.</summary>
    Closed,
}
