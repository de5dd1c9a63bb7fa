using System.Security.Cryptography;
using System.Text;

namespace PoNasOrleans.Chain;

/// <summary>The commitment formula: <c>commitment = SHA-256(model bytes ‖ UTF-8(participant id))</c>, as 64 lowercase hex digits.</summary>
public static class Commitment
{
    /// <summary>
    /// The commitment of a model's bytes by a participant. Throws <see cref="ArgumentException"/> when the id
    /// is not a well-formed participant id (<see cref="ChainIds.IsParticipant"/>).
    /// </summary>
    public static string Of(ReadOnlySpan<byte> modelBytes, string participantId)
    {
        if (!ChainIds.IsParticipant(participantId))
        {
            throw new ArgumentException($"the participant id {ChainIds.Shown(participantId)} is not 1–{ChainIds.MaxParticipantLength} characters of text without control characters", nameof(participantId));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(modelBytes);
        hash.AppendData(Encoding.UTF8.GetBytes(participantId));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The SHA-256 of a model's bytes alone (its content address), as 64 lowercase hex digits.</summary>
    public static string ModelSha256(ReadOnlySpan<byte> modelBytes) =>
        Convert.ToHexStringLower(SHA256.HashData(modelBytes));
}
