using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Supervision;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Grains.Telemetry;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Miners;

/// <summary>
/// A miner: registration with a pool-issued credential, authenticated heartbeats, calibration, work pulls and
/// episode reports on its own behalf only, and an explicit leave. It keeps the miner's assignment and its counts
/// per subspace of the current block (last sequence number, work units): the authority on which episode comes next
/// and on what it may report. Every accepted change is stored before it is acknowledged, with two exceptions that
/// keep storage writes per miner low: heartbeats are stored at most every <see cref="PoolOptions.HeartbeatStoreInterval"/>,
/// and the counts of an accepted episode are stored at least every <see cref="CountsEvery"/> episodes, because the
/// episode itself is in the log before it is acknowledged: an activation counts the log's episodes of the miner's
/// assignment past its stored counts. A refused call changes nothing but the stored count of refusals.
/// </summary>
public sealed partial class MinerGrain(
    [PersistentState("miner", "pool")] IPersistentState<MinerState> state,
    MinerDirectory directory,
    EpisodeTable episodes,
    ModelStore blobs,
    IOptions<PoolOptions> options,
    TimeProvider time,
    PoolMetrics metrics,
    RecentRefusals recentRefusals) : Grain, IMinerGrain, IDisposable
{
    private const int SecretBytes = 32;
    private const int MaxDisplayName = 64;
    private const double MaxImagesPerSecond = 1e9;

    /// <summary>Weight of a new episode's measured speed in the running strength.</summary>
    private const double SpeedSmoothing = 0.2;

    /// <summary>Accepted episodes after which the counts are stored even when nothing else changed.</summary>
    private const int CountsEvery = 16;

    private readonly PoolOptions pool = options.Value;

    /// <summary>Held while the state is written: heartbeats interleave with the other calls, and each write needs the previous one's ETag.</summary>
    private readonly SemaphoreSlim storing = new(1, 1);

    /// <summary>When the stored state last took in a heartbeat.</summary>
    private DateTimeOffset? storedHeartbeat;

    /// <summary>The block height of the stored counts.</summary>
    private long storedHeight;

    /// <summary>Episodes counted since the counts were last stored.</summary>
    private int unstoredEpisodes;

    private string MinerId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        storedHeartbeat = state.State.LastHeartbeat;
        storedHeight = state.State.Height;
        if (state.State is { LastHeartbeat: { } heartbeat, Left: false })
        {
            metrics.Miners.Beat(MinerId, heartbeat);
        }

        if (state.State.Role is MinerRole.Explorer or MinerRole.Exploiter && state.State.Assignment is { } assignment)
        {
            await CountLoggedEpisodes(assignment);
        }
    }

    /// <inheritdoc />
    public async Task<MinerCredential> Register(MinerProfile profile)
    {
        if (!MinerIds.IsValid(MinerId))
        {
            throw new ArgumentException($"miner id '{MinerId}' is not valid: {MinerIds.Rule}");
        }

        if (state.State.Registered)
        {
            throw await Refuse($"miner '{MinerId}' is already registered; its credential was issued at registration and is not issued again");
        }

        var problem = Check(profile);
        if (problem is not null)
        {
            throw new ArgumentException($"miner '{MinerId}': {problem}");
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));
        state.State.Profile = profile;
        state.State.CredentialSalt = RandomNumberGenerator.GetBytes(16);
        state.State.CredentialHash = Hash(state.State.CredentialSalt, secret);
        state.State.RegisteredAt = time.GetUtcNow();
        await Store();
        await directory.Add(MinerId, profile.DisplayName, state.State.RegisteredAt.Value);
        return new MinerCredential(MinerId, secret);
    }

    /// <inheritdoc />
    public async Task<HeartbeatReceipt> Heartbeat(string credential, long sequence)
    {
        await Authenticate(credential);
        if (sequence == state.State.LastSequence)
        {
            // a retry of the last heartbeat: acknowledged again, not counted again
            return await Acknowledge();
        }

        if (sequence < state.State.LastSequence)
        {
            throw await Refuse($"miner '{MinerId}': heartbeat {sequence} is older than the last one ({state.State.LastSequence})");
        }

        var now = time.GetUtcNow();
        var wasActive = Status() == MinerStatus.Active;
        state.State.LastSequence = sequence;
        state.State.LastHeartbeat = now;
        state.State.Heartbeats++;
        if (!state.State.Left)
        {
            metrics.Miners.Beat(MinerId, now);
        }
        if (!wasActive || storedHeartbeat is not { } stored || now - stored >= pool.HeartbeatStoreInterval)
        {
            await Store();
        }

        return await Acknowledge();
    }

    /// <inheritdoc />
    public async Task<MinerStrength> Calibrate(string credential, MinerStrength strength)
    {
        await Authenticate(credential);
        if (strength is null || !double.IsFinite(strength.ImagesPerSecond) || strength.ImagesPerSecond is <= 0 or > MaxImagesPerSecond
            || !double.IsFinite(strength.TimeBudgetFactor) || strength.TimeBudgetFactor is <= 0 or > 1)
        {
            throw await Refuse($"miner '{MinerId}': a calibration needs a speed in (0, {MaxImagesPerSecond:G}] images/s and a time budget factor in (0, 1], got {strength}");
        }

        state.State.Strength = strength;
        state.State.Left = false;
        await Store();
        return strength;
    }

    /// <inheritdoc />
    public async Task<WorkItem> PullWork(string credential)
    {
        await Authenticate(credential);
        await RequirePresent();
        var strength = state.State.Strength ?? throw await Refuse($"miner '{MinerId}' must calibrate before it pulls work");
        var height = await GrainFactory.GetGrain<IPoolGrain>(IPoolGrain.Key).CurrentHeight();
        if (height is null)
        {
            return WorkItem.Wait(0, pool.WaitRetry, "no block is open yet");
        }

        StartBlock(height.Value);
        var item = await GrainFactory.GetGrain<IBlockGrain>(height.Value).AssignWork(MinerId, strength.Effective, state.State.Episodes.ToImmutableDictionary());
        if (item.Kind == WorkKind.Wait && await MeasureWork(height.Value) is { } measure)
        {
            return measure;
        }

        var role = item.Kind switch { WorkKind.Explore => MinerRole.Explorer, WorkKind.Exploit => MinerRole.Exploiter, _ => MinerRole.Waiting };
        var assignment = item.Subspace is null ? null : $"{item.Height}/{item.Subspace}";
        if (role != state.State.Role || assignment != state.State.Assignment || state.State.Height != storedHeight)
        {
            state.State.Role = role;
            state.State.Assignment = assignment;
            if (assignment == state.State.Standby)
            {
                state.State.Standby = null; // promoted: it explores the subspace it stood by for
            }

            await Store();
        }

        return item;
    }

    /// <inheritdoc />
    public async Task<EpisodeReceipt> Report(string credential, EpisodeSubmission report)
    {
        await Authenticate(credential);
        if (report is null)
        {
            throw await Refuse(ReportRefusal.Malformed, $"miner '{MinerId}': a report is required");
        }

        if (state.State.Left)
        {
            throw await Refuse(ReportRefusal.NotAssigned, $"miner '{MinerId}' has left the pool; its assignments were released");
        }

        var block = await GrainFactory.GetGrain<IBlockGrain>(report.Height).Describe();
        if (block is null)
        {
            throw await Refuse(ReportRefusal.UnknownBlock, $"episode {report.Sequence}: block {report.Height} is not a block of the pool");
        }

        if (!block.Subspaces.Any(s => s.Name == report.Subspace))
        {
            throw await Refuse(ReportRefusal.UnknownSubspace, $"episode {report.Sequence}: block {report.Height} has no subspace '{report.Subspace}'");
        }

        var last = report.Height == state.State.Height ? state.State.Episodes.GetValueOrDefault(report.Subspace) : 0;
        var assignment = $"{report.Height}/{report.Subspace}";
        if (report.Sequence > last && (assignment != state.State.Assignment || state.State.Role != (report.Kind == EpisodeKind.Explore ? MinerRole.Explorer : MinerRole.Exploiter)))
        {
            throw await Refuse(ReportRefusal.NotAssigned, $"miner '{MinerId}' is not assigned to {report.Kind.ToString().ToLowerInvariant()} {assignment} (its assignment: {state.State.Role.ToString().ToLowerInvariant()} {state.State.Assignment ?? "none"})");
        }

        SubspaceReceipt stored;
        try
        {
            stored = await GrainFactory.GetGrain<ISubspaceGrain>(assignment).Report(MinerId, last + 1, report);
        }
        catch (EpisodeRefusedException e)
        {
            // counted in the metrics by the subspace that refused it
            await CountRefusal(e.Reason.ToString(), e.Message);
            throw;
        }

        // a new subspace best goes to the block from here, after the subspace's turn: the block calls subspaces
        // while it hands out work, so a subspace calling its block would deadlock against it
        foreach (var best in stored.Offers)
        {
            await GrainFactory.GetGrain<IBlockGrain>(report.Height).Offer(best);
        }

        var receipt = stored.Receipt;
        if (Credit(report, receipt) && ++unstoredEpisodes >= CountsEvery)
        {
            await Store();
        }

        return receipt;
    }

    /// <inheritdoc />
    public async Task Leave(string credential)
    {
        await Authenticate(credential);
        metrics.Miners.Forget(MinerId);
        if (!state.State.Left)
        {
            state.State.Left = true;
            state.State.Role = MinerRole.None;
            state.State.Assignment = null;
            state.State.Standby = null;
            await Store();
        }

        // released on every (repeated) leave, so a failure after the store above is repaired by the agent's retry
        if (await GrainFactory.GetGrain<IPoolGrain>(IPoolGrain.Key).CurrentHeight() is { } height
            && await GrainFactory.GetGrain<IBlockGrain>(height).Release(MinerId) is { Length: > 0 } promotions)
        {
            await GrainFactory.GetGrain<ISupervisorGrain>(ISupervisorGrain.Key).Record(promotions);
        }
    }

    /// <inheritdoc />
    public Task<MinerSummary> Describe() => Task.FromResult(new MinerSummary(
        MinerId,
        state.State.Registered,
        state.State.Profile,
        state.State.RegisteredAt,
        state.State.LastHeartbeat,
        state.State.Heartbeats,
        state.State.RefusedCalls,
        state.State.Strength,
        state.State.Role,
        state.State.Assignment,
        state.State.WorkUnits.Values.Sum(),
        state.State.Episodes.Values.Sum(),
        Status()));

    private MinerStatus Status()
    {
        if (state.State.Left)
        {
            return MinerStatus.Left;
        }

        if (state.State.LastHeartbeat is not { } last)
        {
            return MinerStatus.Silent;
        }

        var missed = (time.GetUtcNow() - last) / pool.HeartbeatInterval;
        return missed >= 3 ? MinerStatus.Gone : missed >= 2 ? MinerStatus.Late : MinerStatus.Active;
    }

    /// <summary>Counts the episodes of the assignment ("{height}/{subspace}") that the log holds past the stored counts.</summary>
    private async Task CountLoggedEpisodes(string assignment)
    {
        var slash = assignment.IndexOf('/', StringComparison.Ordinal);
        var height = long.Parse(assignment.AsSpan(0, slash), System.Globalization.CultureInfo.InvariantCulture);
        var subspace = assignment[(slash + 1)..];
        if (height != state.State.Height)
        {
            return;
        }

        var counted = false;
        while (await episodes.Find(height, subspace, MinerId, state.State.Episodes.GetValueOrDefault(subspace) + 1) is { } entry)
        {
            counted |= Credit(entry.Report, new EpisodeReceipt(subspace, entry.Report.Sequence, Repeated: false, entry.WorkUnits, 0));
        }

        if (counted)
        {
            await Store();
        }
    }

    /// <summary>
    /// Counts an acknowledged episode once: only when its sequence number is past the last one counted (a retry of a
    /// counted episode is not; a retry of one stored before this grain could count it is). New speed measurements
    /// refine the strength. Whether anything was counted.
    /// </summary>
    private bool Credit(EpisodeSubmission report, EpisodeReceipt receipt)
    {
        if (report.Height < state.State.Height)
        {
            return false;
        }

        StartBlock(report.Height);
        if (receipt.Sequence <= state.State.Episodes.GetValueOrDefault(report.Subspace))
        {
            return false;
        }

        state.State.Episodes[report.Subspace] = receipt.Sequence;
        state.State.WorkUnits[report.Subspace] = state.State.WorkUnits.GetValueOrDefault(report.Subspace) + receipt.WorkUnits;
        if (report.ImagesTrained > 0 && report.Seconds > 0 && state.State.Strength is { } strength)
        {
            var measured = Math.Min(MaxImagesPerSecond, report.ImagesTrained / report.Seconds);
            state.State.Strength = strength with { ImagesPerSecond = ((1 - SpeedSmoothing) * strength.ImagesPerSecond) + (SpeedSmoothing * measured) };
        }

        return true;
    }

    /// <summary>Resets the per-block counts when a new block starts.</summary>
    private void StartBlock(long height)
    {
        if (height > state.State.Height)
        {
            state.State.Height = height;
            state.State.WorkUnits.Clear();
            state.State.Episodes.Clear();
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Miners.Forget(MinerId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => storing.Dispose();

    private async Task Store()
    {
        await storing.WaitAsync();
        try
        {
            var (heartbeat, height, counted) = (state.State.LastHeartbeat, state.State.Height, unstoredEpisodes);
            await state.WriteStateAsync();
            storedHeartbeat = heartbeat;
            storedHeight = height;
            unstoredEpisodes -= counted;
        }
        finally
        {
            storing.Release();
        }
    }


    private async Task RequirePresent()
    {
        if (state.State.Left)
        {
            throw await Refuse($"miner '{MinerId}' has left the pool; calibrate again to rejoin");
        }
    }

    private async Task Authenticate(string credential)
    {
        if (!state.State.Registered)
        {
            throw new MinerRefusedException($"miner '{MinerId}' is not registered");
        }

        if (string.IsNullOrEmpty(credential) || !CryptographicOperations.FixedTimeEquals(Hash(state.State.CredentialSalt, credential), state.State.CredentialHash))
        {
            throw await Refuse($"miner '{MinerId}': the credential is not this miner's", RecentRefusals.WrongCredential);
        }
    }

    /// <summary>Counts a refused call of a registered miner (stored), and returns the exception to throw.</summary>
    private async Task<MinerRefusedException> Refuse(string message, string reason = RecentRefusals.CallRefused)
    {
        await CountRefusal(reason, message);
        return new MinerRefusedException(message);
    }

    private async Task<EpisodeRefusedException> Refuse(ReportRefusal reason, string message)
    {
        await CountRefusal(reason.ToString(), message);
        metrics.EpisodeRefused(reason);
        return new EpisodeRefusedException(reason, message);
    }

    /// <summary>Counts a refused call (stored), then shows it in the silo's recent refusals (<c>GET /api/refusals</c>).</summary>
    private async Task CountRefusal(string reason, string detail)
    {
        state.State.RefusedCalls++;
        await Store();
        recentRefusals.Add(MinerId, reason, detail);
    }

    private static string? Check(MinerProfile? profile)
    {
        if (profile is null)
        {
            return "a profile is required";
        }

        if (string.IsNullOrWhiteSpace(profile.DisplayName) || profile.DisplayName.Length > MaxDisplayName || profile.DisplayName.Any(char.IsControl))
        {
            return $"the display name must be 1–{MaxDisplayName} printable characters";
        }

        return profile.Device is "cpu" or "cuda" ? null : $"the device must be 'cpu' or 'cuda', not '{profile.Device}'";
    }

    private static byte[] Hash(byte[] salt, string secret) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);
}
