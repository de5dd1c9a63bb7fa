using PoNasOrleans.Grains.Interfaces.Episodes;

namespace PoNasOrleans.Grains.Interfaces.Work;

/// <summary>A subspace's answer when the block admits its explorer: where the exploration stands.</summary>
/// <param name="ControllerEpisodes">Explorations so far.</param>
/// <param name="Checkpoint">The latest controller checkpoint, if any.</param>
/// <param name="Best">The subspace's best reward so far.</param>
/// <param name="Explored">Whether the exploration budget is spent.</param>
[GenerateSerializer, Immutable, Alias("ponas.SubspaceTicket")]
public sealed record SubspaceTicket(
    [property: Id(1)] long ControllerEpisodes,
    [property: Id(2)] BlobRef? Checkpoint,
    [property: Id(3)] double Best,
    [property: Id(4)] bool Explored);
