namespace PoNasOrleans.Nas.Reports;

/// <summary>Why an episode report is refused; each reason is counted separately by the pool (the domain's checks in <see cref="ReportCheck"/>, the rest in the grains).</summary>
public enum ReportRefusal
{
    /// <summary>The architecture has a value outside the miner's subspace.</summary>
    OutsideSubspace,

    /// <summary>The architecture has not the task's number of layers.</summary>
    WrongLayerCount,

    /// <summary>The claimed LUTs, throughput or feasibility differ from the pool's own estimate.</summary>
    HardwareMismatch,

    /// <summary>The reward is NaN, infinite or outside [0, 1].</summary>
    RewardOutOfRange,

    /// <summary>An infeasible architecture claims a reward above 0.</summary>
    RewardForInfeasible,

    /// <summary>The sequence number (or the controller's episode counter) is not the next one expected.</summary>
    OutOfSequence,

    /// <summary>The sequence number was used before for a different report.</summary>
    DuplicateEpisode,

    /// <summary>The miner is not assigned to this work (another miner's subspace or a revoked assignment).</summary>
    NotAssigned,

    /// <summary>No such block is open in the pool.</summary>
    UnknownBlock,

    /// <summary>The block has no subspace of that name.</summary>
    UnknownSubspace,

    /// <summary>A reported blob is missing, has another name than the one issued, or its content hash differs.</summary>
    BlobMismatch,

    /// <summary>The report cannot be read: bad architecture JSON, negative counts, impossible numbers.</summary>
    Malformed,

    /// <summary>The block's training phase is over.</summary>
    PhaseOver,
}
