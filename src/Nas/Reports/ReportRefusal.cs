namespace PoNasOrleans.Nas.Reports;

/// <summary>Why an episode report is refused; each reason is counted separately by the pool.</summary>
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

    /// <summary>The sequence number is not the next one expected.</summary>
    OutOfSequence,
}
