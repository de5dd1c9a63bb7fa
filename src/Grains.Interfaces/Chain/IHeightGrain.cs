using PoNasOrleans.Chain;

namespace PoNasOrleans.Grains.Interfaces.Chain;

/// <summary>
/// One height of the devnet chain (key: the height): a <see cref="HeightLedger"/> in durable grain state, run on the
/// silo's clock. Every refusal throws <see cref="ChainRefusedException"/> and changes nothing; every accepted change
/// is stored before it is acknowledged. Called by the devnet, the chain client and miner grains, never by agents
/// (the pool's call gate refuses that).
/// </summary>
[Alias("ponas.IHeightGrain")]
public interface IHeightGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Opens the height with its task (whose height must be the key) and test split. The same task and split again
    /// are acknowledged; another task throws <see cref="InvalidOperationException"/>, an unusable one <see cref="ArgumentException"/>.
    /// </summary>
    [Alias("Open")]
    Task<HeightView> Open(ChainTask task, DatasetRef testSplit);

    /// <summary>The height as anyone may see it (the test split only once released), or null when it was never opened.</summary>
    [Alias("Describe")]
    Task<HeightView?> Describe();

    /// <summary>Records a commitment of <paramref name="participant"/> in the training phase (<see cref="HeightLedger.Commit"/>).</summary>
    [Alias("Commit")]
    Task<CommitmentRecord> Commit(string participant, string commitment);

    /// <summary>
    /// Records a reveal in the validation phase (<see cref="HeightLedger.Reveal"/>) and stores the model's bytes in the
    /// blob container "chain" under their SHA-256, where validators read them; returns the claim to be judged.
    /// </summary>
    [Alias("Reveal")]
    Task<Claim> Reveal(Reveal reveal, byte[] modelBytes);

    /// <summary>The test split from the training deadline on; null before (or when the height is not open).</summary>
    [Alias("TestSplit")]
    Task<DatasetRef?> TestSplit();

    /// <summary>The claim to judge next in the validation order, or null (none pending, or a winner is confirmed).</summary>
    [Alias("NextClaim")]
    Task<Claim?> NextClaim();

    /// <summary>
    /// What a validator needs to judge the next claim: the claim, a short-lived read link to the model's bytes and the
    /// test split. Null until the validation deadline, once the height is decided, or when no claim is pending.
    /// </summary>
    [Alias("ClaimToJudge")]
    Task<ValidatorClaim?> ClaimToJudge();

    /// <summary>
    /// Judges the claim of <paramref name="commitment"/> with the accuracy a validator measured on the test split
    /// (<see cref="HeightLedger.Judge"/>). A claim is judged once: a measurement of a claim already judged is
    /// acknowledged with the recorded verdict (<see cref="ClaimJudgement.Repeated"/>) and changes nothing. Refused, in
    /// this order of checking: <see cref="ChainRefusal.UnknownHeight"/>, <see cref="ChainRefusal.Malformed"/> (the
    /// commitment), <see cref="ChainRefusal.AccuracyOutOfRange"/> (NaN, ±∞, outside [0, 1]); then a judged claim is
    /// acknowledged; then <see cref="ChainRefusal.HeightDecided"/>, <see cref="ChainRefusal.UnknownCommitment"/> (no
    /// such claim), <see cref="ChainRefusal.RevealsOpen"/>, <see cref="ChainRefusal.NotNextClaim"/>.
    /// </summary>
    [Alias("Judge")]
    Task<ClaimJudgement> Judge(string commitment, double measuredAccuracy);

    /// <summary>How the height ended, or null while it is undecided (or never opened).</summary>
    [Alias("Outcome")]
    Task<HeightOutcome?> Outcome();
}
