namespace PoNasOrleans.Grains.Interfaces.Episodes;

/// <summary>What an episode was for.</summary>
public enum EpisodeKind
{
    /// <summary>A strong miner's controller episode in its subspace.</summary>
    Explore,

    /// <summary>A weak miner's local search around a confirmed architecture, with longer training.</summary>
    Exploit,
}
