using System.Buffers;
using System.Text;

namespace PoNasOrleans.Chain;

/// <summary>
/// The shapes of what participants send: participant ids (1–<see cref="MaxParticipantLength"/> characters of
/// well-formed UTF-16, no control characters, not only white space) and SHA-256 hashes (64 lowercase hex digits).
/// </summary>
public static class ChainIds
{
    /// <summary>The longest participant id, in UTF-16 characters.</summary>
    public const int MaxParticipantLength = 128;

    /// <summary>The longest data location, in UTF-16 characters.</summary>
    public const int MaxLocationLength = 2048;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>
    /// Whether a participant id is well formed. Lone surrogates are refused because UTF-8 cannot encode them:
    /// two such ids would otherwise give the same commitment bytes.
    /// </summary>
    public static bool IsParticipant(string? id) =>
        id is { Length: > 0 and <= MaxParticipantLength } && !string.IsNullOrWhiteSpace(id) && IsPrintableUtf16(id);

    /// <summary>Whether a hash is 64 lowercase hex digits.</summary>
    public static bool IsSha256(string? hash) =>
        hash is { Length: 64 } && !hash.AsSpan().ContainsAnyExcept(LowerHex);

    /// <summary>Whether a data location is 1–<see cref="MaxLocationLength"/> characters of well-formed UTF-16 without control characters.</summary>
    public static bool IsLocation(string? location) =>
        location is { Length: > 0 and <= MaxLocationLength } && !string.IsNullOrWhiteSpace(location) && IsPrintableUtf16(location);

    /// <summary>A caller's string as it may appear in a message: quoted when short and printable, else only its length.</summary>
    internal static string Shown(string? text) =>
        text is null ? "(missing)"
        : text.Length <= 64 && IsPrintableUtf16(text) ? $"'{text}'"
        : $"of {text.Length} characters";

    private static bool IsPrintableUtf16(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
