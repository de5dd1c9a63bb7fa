namespace PoNasOrleans.Chain;

/// <summary>Why the chain refused a commitment, a reveal or a judgement (docs/chain.md has the table and the order of the checks).</summary>
public enum ChainRefusal
{
    /// <summary>
    /// The call cannot be read: a participant id that is missing, empty, white space, longer than
    /// <see cref="ChainIds.MaxParticipantLength"/> or has control characters or lone surrogates; a commitment or
    /// model hash that is not 64 lowercase hex digits.
    /// </summary>
    Malformed,

    /// <summary>No task is published at that height.</summary>
    UnknownHeight,

    /// <summary>A commitment before the task's publication or at/after the training deadline.</summary>
    CommitmentOutsideTraining,

    /// <summary>The participant already has the task's cap of commitments.</summary>
    CommitmentCapReached,

    /// <summary>The commitment was already made at this height (by anyone).</summary>
    DuplicateCommitment,

    /// <summary>A reveal before the training deadline or at/after the validation deadline.</summary>
    RevealOutsideValidation,

    /// <summary>The revealed commitment was never made at this height.</summary>
    UnknownCommitment,

    /// <summary>The revealed commitment belongs to another participant.</summary>
    NotYourCommitment,

    /// <summary>The commitment was already revealed.</summary>
    DuplicateReveal,

    /// <summary>The model's bytes do not have the SHA-256 the reveal names.</summary>
    ModelHashMismatch,

    /// <summary>The model's bytes with the participant's id do not hash to the revealed commitment.</summary>
    CommitmentMismatch,

    /// <summary>A claimed or measured accuracy is NaN, infinite or outside [0, 1].</summary>
    AccuracyOutOfRange,

    /// <summary>The architecture is not valid architecture JSON.</summary>
    MalformedArchitecture,

    /// <summary>The architecture has not the task's number of layers.</summary>
    WrongLayerCount,

    /// <summary>A layer of the architecture takes a value outside the task's space.</summary>
    OutsideSpace,

    /// <summary>The architecture is infeasible under the task's FPGA model and constraints.</summary>
    HardwareViolation,

    /// <summary>Judging before the validation deadline, while reveals may still arrive.</summary>
    RevealsOpen,

    /// <summary>Judging a claim that is not the next one in the validation order.</summary>
    NotNextClaim,

    /// <summary>Judging after the height was decided.</summary>
    HeightDecided,
}
