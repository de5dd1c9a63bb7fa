using System.Collections.Immutable;
using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>
/// A miner of the pool (key: miner id). Miners are untrusted: every call after registration presents the
/// pool-issued credential, which the grain checks against a salted hash (it never stores the credential itself).
/// </summary>
[Alias("ponas.IMinerGrain")]
public interface IMinerGrain : IGrainWithStringKey
{
    /// <summary>Registers the miner and returns its credential, once; a second registration is refused (<see cref="MinerRefusedException"/>), a bad id or profile too (<see cref="ArgumentException"/>).</summary>
    [Alias("Register")]
    Task<MinerCredential> Register(MinerProfile profile);

    /// <summary>
    /// Records that the miner is alive. <paramref name="sequence"/> increases with every heartbeat the agent sends;
    /// a retried heartbeat (same sequence) is acknowledged again without counting twice, an older one is refused.
    /// Answered between the miner's other calls, so a report waiting for its subspace does not delay it.
    /// </summary>
    [Alias("Heartbeat"), Orleans.Concurrency.AlwaysInterleave]
    Task<HeartbeatReceipt> Heartbeat(string credential, long sequence);

    /// <summary>
    /// Records the miner's measured training speed (a calibration run at start-up) and its time budget factor;
    /// later accepted episodes refine the speed. Values must be finite, the speed positive, the factor in (0, 1].
    /// </summary>
    [Alias("Calibrate")]
    Task<MinerStrength> Calibrate(string credential, MinerStrength strength);

    /// <summary>The miner's next work: explore, exploit or wait (after calibration).</summary>
    [Alias("PullWork")]
    Task<WorkItem> PullWork(string credential);

    /// <summary>Reports a finished episode; idempotent per (subspace, sequence). Refusals throw <see cref="EpisodeRefusedException"/>.</summary>
    [Alias("Report")]
    Task<EpisodeReceipt> Report(string credential, EpisodeSubmission report);

    /// <summary>Leaves the pool explicitly (termination, spot eviction): its assignment is released and later reports are refused.</summary>
    [Alias("Leave")]
    Task Leave(string credential);

    /// <summary>
    /// Makes the miner the warm standby of a subspace of a block (null: of none); its heartbeat receipts then carry
    /// the subspace's latest checkpoint to fetch in advance. The supervisor's call, never an agent's.
    /// </summary>
    [Alias("Standby")]
    Task Standby(long height, string? subspace);

    /// <summary>What the pool knows of the miner (for the operator's API; no secret in it).</summary>
    [Alias("Describe")]
    Task<MinerSummary> Describe();

    /// <summary>
    /// Validator role (devnet): the next claim to judge of the devnet's height whose claims are being judged (from its
    /// validation deadline until it is decided), with a short-lived read link to the model and the test split; null
    /// when there is none.
    /// </summary>
    [Alias("PullClaim")]
    Task<ValidatorClaim?> PullClaim(string credential);

    /// <summary>
    /// Validator role (devnet): submits the accuracy measured for a claim on the test split; the height judges it
    /// (<see cref="IHeightGrain.Judge"/>: once per claim, a repeated measurement is acknowledged without effect).
    /// Refusals of the chain throw <see cref="PoNasOrleans.Chain.ChainRefusedException"/>.
    /// </summary>
    [Alias("SubmitMeasurement")]
    Task<ClaimJudgement> SubmitMeasurement(string credential, long height, string commitment, double measuredAccuracy);

    /// <summary>
    /// The measured test accuracies of the pool's committed models of a height, from the miner that was given the
    /// measuring job (<see cref="WorkKind.Measure"/>); refused from any other miner.
    /// </summary>
    [Alias("ReportTestAccuracies")]
    Task ReportTestAccuracies(string credential, long height, ImmutableArray<TestAccuracy> accuracies);
}
