using System.Text.RegularExpressions;

namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>
/// Miner ids: 1–64 characters of letters, digits, '-' and '_', starting with a letter or digit (safe in table keys
/// and blob names). One rule for the pool, its API and the command line.
/// </summary>
public static partial class MinerIds
{
    /// <summary>The rule, as error messages state it.</summary>
    public const string Rule = "1–64 letters, digits, '-' or '_', starting with a letter or digit";

    /// <summary>Whether an id is well formed (the whole string: a trailing newline is not allowed).</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
