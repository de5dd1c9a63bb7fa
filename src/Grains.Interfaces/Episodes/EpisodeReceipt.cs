namespace PoNasOrleans.Grains.Interfaces.Episodes;

/// <summary>The pool's acknowledgement of a stored episode.</summary>
/// <param name="Subspace">The subspace's name.</param>
/// <param name="Sequence">The episode's sequence number.</param>
/// <param name="Repeated">True when this report had been stored before (a retry): the subspace counted nothing again.</param>
/// <param name="WorkUnits">Work units this episode earned.</param>
/// <param name="SubspaceBest">The subspace's best reward after this episode.</param>
[GenerateSerializer, Immutable, Alias("ponas.EpisodeReceipt")]
public sealed record EpisodeReceipt(
    [property: Id(0)] string Subspace,
    [property: Id(1)] long Sequence,
    [property: Id(2)] bool Repeated,
    [property: Id(3)] long WorkUnits,
    [property: Id(5)] double SubspaceBest);
