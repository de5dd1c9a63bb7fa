using PoNasOrleans.Grains.Interfaces.Episodes;

namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>
/// Tells a warm standby which subspace it may take over and where that subspace's latest controller checkpoint is,
/// so that it has the checkpoint at hand when it is promoted.
/// </summary>
/// <param name="Height">The block.</param>
/// <param name="Subspace">The subspace it stands by for.</param>
/// <param name="Checkpoint">The subspace's latest checkpoint (name and SHA-256); null before its first exploration.</param>
/// <param name="CheckpointDownload">A time-limited read link of that checkpoint.</param>
[GenerateSerializer, Immutable, Alias("ponas.StandbyNotice")]
public sealed record StandbyNotice(
    [property: Id(0)] long Height,
    [property: Id(1)] string Subspace,
    [property: Id(2)] BlobRef? Checkpoint,
    [property: Id(3)] Uri? CheckpointDownload);
