namespace PoNasOrleans.Chain;

/// <summary>
/// The phase of a height at a clock time (<see cref="ChainTask.PhaseAt"/>). Each deadline belongs to the phase it
/// opens: "before the deadline" means strictly before.
/// </summary>
public enum ChainPhase
{
    /// <summary>Before <see cref="ChainTask.Published"/>: the task is being prepared; nothing is accepted.</summary>
    Initialization,

    /// <summary>From <see cref="ChainTask.Published"/> to strictly before <see cref="ChainTask.TrainingDeadline"/>: participants search, train and commit.</summary>
    Training,

    /// <summary>From <see cref="ChainTask.TrainingDeadline"/> to strictly before <see cref="ChainTask.ValidationDeadline"/>: the test split is released and participants reveal.</summary>
    Validation,

    /// <summary>From <see cref="ChainTask.ValidationDeadline"/>: reveals are closed; validators judge the claims in order and the winner is confirmed.</summary>
    Confirmed,
}
