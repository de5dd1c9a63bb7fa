using PoNasOrleans.Nas.Json;

namespace PoNasOrleans.Chain;

/// <summary>
/// The devnet chain's record of one height: its task and test split, the commitments, the claims (accepted reveals)
/// and the judging. Every method checks first and then records: a refused call throws
/// <see cref="ChainRefusedException"/> and leaves the ledger as it was. The clock is the caller's (<c>now</c>), so
/// the rules are deterministic. The properties are the stored state (public for storage serializers); change it
/// only through the methods.
/// </summary>
[GenerateSerializer, Alias("ponas.chain.HeightLedger")]
public sealed class HeightLedger
{
    /// <summary>
    /// Slack added to the task's accuracy tolerance so that decimal accuracies compare as written (0.79 is within
    /// 0.01 of 0.8 although the doubles differ by 0.010000000000000009); far below any meaningful difference.
    /// </summary>
    public const double RoundingSlack = 1e-12;

    /// <summary>The height's task, or null before <see cref="Open"/>.</summary>
    [Id(0)]
    public ChainTask? Task { get; set; }

    /// <summary>The test split, released by <see cref="TestSplitAt"/> from the training deadline on.</summary>
    [Id(1)]
    public DatasetRef? TestSplit { get; set; }

    /// <summary>The accepted commitments, in acceptance order.</summary>
    [Id(2)]
    public List<CommitmentRecord> Commitments { get; set; } = [];

    /// <summary>The accepted reveals, in acceptance order.</summary>
    [Id(3)]
    public List<Claim> Claims { get; set; } = [];

    /// <summary>The claims judged and discarded, in judging order.</summary>
    [Id(4)]
    public List<DiscardedClaim> Discarded { get; set; } = [];

    /// <summary>The confirmed claim, or null.</summary>
    [Id(5)]
    public Claim? Winner { get; set; }

    /// <summary>The winner's measured accuracy, or null.</summary>
    [Id(6)]
    public double? WinnerAccuracy { get; set; }

    /// <summary>
    /// Opens the height with its task and test split. Opening again with the same task and split changes nothing;
    /// another task throws <see cref="InvalidOperationException"/>; an unusable task or split throws
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public void Open(ChainTask task, DatasetRef testSplit)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(testSplit);
        task.Check();
        if (!ChainIds.IsLocation(testSplit.Location) || !ChainIds.IsSha256(testSplit.Sha256))
        {
            throw new ArgumentException($"task {task.Height}: the test split needs a location (1–{ChainIds.MaxLocationLength} characters, no control characters) and a SHA-256 of 64 lowercase hex digits", nameof(testSplit));
        }

        if (Task is not null)
        {
            if (Task != task || TestSplit != testSplit)
            {
                throw new InvalidOperationException($"height {Task.Height} is already open with another task or test split");
            }

            return;
        }

        Task = task;
        TestSplit = testSplit;
    }

    /// <summary>The test split from the training deadline on (the validation phase); null before, or when not open.</summary>
    public DatasetRef? TestSplitAt(DateTimeOffset now) =>
        Task is not null && Task.PhaseAt(now) >= ChainPhase.Validation ? TestSplit : null;

    /// <summary>
    /// Records a commitment made at <paramref name="now"/>. Refused (in this order of checking) when the height is
    /// not open, the id or hash is malformed, the time is outside the training phase (before publication or at or
    /// after the training deadline), the hash was already committed at this height, or the participant has the cap.
    /// </summary>
    public CommitmentRecord Commit(string participant, string hash, DateTimeOffset now)
    {
        var task = OpenTask();
        RequireParticipant(participant);
        RequireSha256(hash, "commitment");
        var phase = task.PhaseAt(now);
        if (phase != ChainPhase.Training)
        {
            Refuse(ChainRefusal.CommitmentOutsideTraining, phase == ChainPhase.Initialization
                ? $"height {task.Height}: commitment at {now:O}, before the task's publication at {task.Published:O}"
                : $"height {task.Height}: commitment at {now:O}, not before the training deadline {task.TrainingDeadline:O}");
        }

        if (Commitments.Any(c => c.Hash == hash))
        {
            Refuse(ChainRefusal.DuplicateCommitment, $"height {task.Height}: commitment {hash} was already made");
        }

        var count = Commitments.Count(c => c.Participant == participant);
        if (count >= task.CommitmentCap)
        {
            Refuse(ChainRefusal.CommitmentCapReached, $"height {task.Height}: participant '{participant}' already has {count} commitments, the cap");
        }

        var record = new CommitmentRecord(participant, hash, now, Commitments.Count + 1);
        Commitments.Add(record);
        return record;
    }

    /// <summary>
    /// Records a reveal made at <paramref name="now"/> with the model's bytes, and returns the claim to be judged
    /// (its architecture rewritten as canonical JSON). Refused (in this order of checking) when the height is
    /// unknown, an id or hash is malformed, the time is outside the validation phase, the claimed accuracy is not in
    /// [0, 1], the commitment is unknown, another participant's or already revealed, the bytes do not have the
    /// named SHA-256 or do not hash to the commitment, or the architecture fails <see cref="ArchitectureCheck"/>.
    /// </summary>
    public Claim Reveal(Reveal reveal, ReadOnlySpan<byte> modelBytes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        if (Task is null || reveal.Height != Task.Height)
        {
            Refuse(ChainRefusal.UnknownHeight, $"no task is published at height {reveal.Height}");
        }

        var task = Task;
        RequireParticipant(reveal.Participant);
        RequireSha256(reveal.Commitment, "commitment");
        RequireSha256(reveal.ModelSha256, "model SHA-256");
        if (task.PhaseAt(now) != ChainPhase.Validation)
        {
            Refuse(ChainRefusal.RevealOutsideValidation, $"height {task.Height}: reveal at {now:O}, outside the validation phase [{task.TrainingDeadline:O}, {task.ValidationDeadline:O})");
        }

        RequireAccuracy(reveal.ClaimedAccuracy, "claimed");
        var commitment = Commitments.Find(c => c.Hash == reveal.Commitment);
        if (commitment is null)
        {
            Refuse(ChainRefusal.UnknownCommitment, $"height {task.Height}: commitment {reveal.Commitment} was never made");
        }

        if (commitment.Participant != reveal.Participant)
        {
            Refuse(ChainRefusal.NotYourCommitment, $"height {task.Height}: commitment {reveal.Commitment} belongs to another participant, not to '{reveal.Participant}'");
        }

        if (Claims.Exists(c => c.Commitment.Hash == reveal.Commitment))
        {
            Refuse(ChainRefusal.DuplicateReveal, $"height {task.Height}: commitment {reveal.Commitment} was already revealed");
        }

        var modelSha256 = Commitment.ModelSha256(modelBytes);
        if (modelSha256 != reveal.ModelSha256)
        {
            Refuse(ChainRefusal.ModelHashMismatch, $"height {task.Height}: the model's bytes have SHA-256 {modelSha256}, the reveal names {reveal.ModelSha256}");
        }

        var opened = Commitment.Of(modelBytes, reveal.Participant);
        if (opened != reveal.Commitment)
        {
            Refuse(ChainRefusal.CommitmentMismatch, $"height {task.Height}: the model's bytes with id '{reveal.Participant}' hash to {opened}, not to the commitment {reveal.Commitment}");
        }

        var architecture = new ArchitectureCheck(task).Check(reveal.Architecture);
        var claim = new Claim(reveal with { Architecture = ArchitectureJson.Write(architecture) }, commitment, now);
        Claims.Add(claim);
        return claim;
    }

    /// <summary>The claims not yet judged, in <see cref="ValidationOrder"/>; empty once a winner is confirmed.</summary>
    public IReadOnlyList<Claim> PendingClaims()
    {
        if (Winner is not null)
        {
            return [];
        }

        var list = Claims.Where(c => !Discarded.Exists(d => d.Commitment == c.Commitment.Hash)).ToList();
        list.Sort(ValidationOrder.Instance);
        return list;
    }

    /// <summary>The claim to judge next (the first pending one), or null when none is pending or a winner is confirmed.</summary>
    public Claim? NextClaim() => PendingClaims() is [var first, ..] ? first : null;

    /// <summary>
    /// Judges the next claim with the accuracy a validator measured on the test split: it is confirmed (and wins the
    /// height) when |measured − claimed| ≤ tolerance + <see cref="RoundingSlack"/>, discarded otherwise. Refused (in
    /// this order of checking) when the height is not open or already decided, the validation deadline has not
    /// passed, the measured accuracy is not in [0, 1], or the claim is not <see cref="NextClaim"/>.
    /// </summary>
    public ClaimVerdict Judge(Claim claim, double measuredAccuracy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var task = OpenTask();
        if (OutcomeAt(now) is not null)
        {
            Refuse(ChainRefusal.HeightDecided, $"height {task.Height} is already decided");
        }

        if (now < task.ValidationDeadline)
        {
            Refuse(ChainRefusal.RevealsOpen, $"height {task.Height}: judging at {now:O}, before the validation deadline {task.ValidationDeadline:O} closes the reveals");
        }

        RequireAccuracy(measuredAccuracy, "measured");
        var next = NextClaim();
        if (next is null || next.Commitment.Hash != claim.Commitment.Hash)
        {
            Refuse(ChainRefusal.NotNextClaim, $"height {task.Height}: the claim of commitment {claim.Commitment.Hash} is not the next to judge ({next?.Commitment.Hash ?? "none"} is)");
        }

        if (Math.Abs(measuredAccuracy - next.Reveal.ClaimedAccuracy) <= task.AccuracyTolerance + RoundingSlack)
        {
            Winner = next;
            WinnerAccuracy = measuredAccuracy;
            return ClaimVerdict.Confirmed;
        }

        Discarded.Add(new DiscardedClaim(next.Reveal.Participant, next.Commitment.Hash, next.Reveal.ClaimedAccuracy, measuredAccuracy));
        return ClaimVerdict.Discarded;
    }

    /// <summary>
    /// How the height ended, or null while it is undecided: decided once a claim is confirmed, or from the
    /// validation deadline on when no claim is pending (every claim failed, or nobody revealed: no winner).
    /// </summary>
    public HeightOutcome? OutcomeAt(DateTimeOffset now)
    {
        if (Task is null)
        {
            return null;
        }

        if (Winner is not null)
        {
            return new HeightOutcome(Task.Height, Winner.Reveal.Participant, Winner.Commitment.Hash, WinnerAccuracy, [.. Discarded]);
        }

        return now >= Task.ValidationDeadline && NextClaim() is null
            ? new HeightOutcome(Task.Height, null, null, null, [.. Discarded])
            : null;
    }

    private ChainTask OpenTask()
    {
        if (Task is null)
        {
            Refuse(ChainRefusal.UnknownHeight, "no task is published at this height");
        }

        return Task;
    }

    private static void RequireParticipant(string? participant)
    {
        if (!ChainIds.IsParticipant(participant))
        {
            Refuse(ChainRefusal.Malformed, $"the participant id {ChainIds.Shown(participant)} is not 1–{ChainIds.MaxParticipantLength} characters of text without control characters");
        }
    }

    private static void RequireSha256(string? hash, string what)
    {
        if (!ChainIds.IsSha256(hash))
        {
            Refuse(ChainRefusal.Malformed, $"the {what} {ChainIds.Shown(hash)} is not 64 lowercase hex digits");
        }
    }

    private static void RequireAccuracy(double accuracy, string what)
    {
        if (!double.IsFinite(accuracy) || accuracy is < 0 or > 1)
        {
            Refuse(ChainRefusal.AccuracyOutOfRange, $"the {what} accuracy {accuracy} is not in [0, 1]");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(ChainRefusal reason, string message) => throw new ChainRefusedException(reason, message);
}
