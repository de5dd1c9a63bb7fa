using System.Text.RegularExpressions;

namespace PoNasOrleans.Grains.Miners;

/// <summary>Miner ids: 1–64 characters of letters, digits, '-' and '_', starting with a letter or digit (safe in table keys and blob names).</summary>
public static partial class MinerIds
{
    /// <summary>Whether an id is well formed.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
