using System.Security.Cryptography;
using System.Text;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.Grains.Miners;

/// <summary>
/// A miner: registration with a pool-issued credential and authenticated heartbeats. Every accepted change is
/// stored before it is acknowledged; a refused call changes nothing but the stored count of refusals.
/// </summary>
public sealed class MinerGrain(
    [PersistentState("miner", "pool")] IPersistentState<MinerState> state,
    TimeProvider time) : Grain, IMinerGrain
{
    private const int SecretBytes = 32;
    private const int MaxDisplayName = 64;

    /// <inheritdoc />
    public async Task<MinerCredential> Register(MinerProfile profile)
    {
        var minerId = this.GetPrimaryKeyString();
        if (state.State.Registered)
        {
            throw await Refuse($"miner '{minerId}' is already registered; its credential was issued at registration and is not issued again");
        }

        var problem = Check(profile);
        if (problem is not null)
        {
            throw new MinerRefusedException($"miner '{minerId}': {problem}");
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));
        state.State.Profile = profile;
        state.State.CredentialSalt = RandomNumberGenerator.GetBytes(16);
        state.State.CredentialHash = Hash(state.State.CredentialSalt, secret);
        state.State.RegisteredAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return new MinerCredential(minerId, secret);
    }

    /// <inheritdoc />
    public async Task<HeartbeatReceipt> Heartbeat(string credential, long sequence)
    {
        await Authenticate(credential);
        if (sequence == state.State.LastSequence)
        {
            // a retry of the last heartbeat: acknowledged again, not counted again
            return Receipt();
        }

        if (sequence < state.State.LastSequence)
        {
            throw await Refuse($"miner '{this.GetPrimaryKeyString()}': heartbeat {sequence} is older than the last one ({state.State.LastSequence})");
        }

        state.State.LastSequence = sequence;
        state.State.LastHeartbeat = time.GetUtcNow();
        state.State.Heartbeats++;
        await state.WriteStateAsync();
        return Receipt();
    }

    /// <inheritdoc />
    public Task<MinerSummary> Describe() => Task.FromResult(new MinerSummary(
        this.GetPrimaryKeyString(),
        state.State.Registered,
        state.State.Profile,
        state.State.RegisteredAt,
        state.State.LastHeartbeat,
        state.State.Heartbeats,
        state.State.RefusedCalls));

    private HeartbeatReceipt Receipt() => new(state.State.LastSequence, state.State.LastHeartbeat!.Value, state.State.Heartbeats);

    private async Task Authenticate(string credential)
    {
        var minerId = this.GetPrimaryKeyString();
        if (!state.State.Registered)
        {
            throw new MinerRefusedException($"miner '{minerId}' is not registered");
        }

        if (string.IsNullOrEmpty(credential) || !CryptographicOperations.FixedTimeEquals(Hash(state.State.CredentialSalt, credential), state.State.CredentialHash))
        {
            throw await Refuse($"miner '{minerId}': the credential is not this miner's");
        }
    }

    /// <summary>Counts a refused call of a registered miner (stored), and returns the exception to throw.</summary>
    private async Task<MinerRefusedException> Refuse(string message)
    {
        state.State.RefusedCalls++;
        await state.WriteStateAsync();
        return new MinerRefusedException(message);
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
