namespace PoNasOrleans.Grains.Interfaces.Supervision;

/// <summary>Why the supervisor prepared backups (consensus-and-pool.md, "Supervisor").</summary>
public enum BackupReason
{
    /// <summary>The high group's standard deviation rose since the last point of the block.</summary>
    DeviationRose,

    /// <summary>A high-reward explorer's heartbeats run late (two missed intervals).</summary>
    HeartbeatsLate,
}
