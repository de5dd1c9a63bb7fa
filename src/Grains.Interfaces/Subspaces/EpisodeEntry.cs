using PoNasOrleans.Grains.Interfaces.Episodes;

namespace PoNasOrleans.Grains.Interfaces.Subspaces;

/// <summary>One accepted episode as the subspace's append-only log holds it.</summary>
[GenerateSerializer, Immutable, Alias("ponas.EpisodeEntry")]
public sealed record EpisodeEntry(
    [property: Id(0)] long Index,
    [property: Id(1)] string MinerId,
    [property: Id(2)] EpisodeSubmission Report,
    [property: Id(3)] long WorkUnits,
    [property: Id(4)] DateTimeOffset AcceptedAt);
