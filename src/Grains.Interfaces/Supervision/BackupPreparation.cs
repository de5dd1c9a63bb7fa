namespace PoNasOrleans.Grains.Interfaces.Supervision;

/// <summary>A low-reward strong miner made the warm standby of a high-reward subspace.</summary>
/// <param name="At">When.</param>
/// <param name="Height">The block.</param>
/// <param name="Subspace">The high-reward subspace.</param>
/// <param name="Explorer">Its explorer at the time.</param>
/// <param name="Backup">The standby, the explorer of a low-reward subspace.</param>
/// <param name="Reason">What called for it.</param>
[GenerateSerializer, Immutable, Alias("ponas.BackupPreparation")]
public sealed record BackupPreparation(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Height,
    [property: Id(2)] string Subspace,
    [property: Id(3)] string Explorer,
    [property: Id(4)] string Backup,
    [property: Id(5)] BackupReason Reason);
