using PoNasOrleans.Grains.Interfaces.Blocks;

namespace PoNasOrleans.Grains.Blocks;

/// <summary>Bounded ranked lists of accepted episodes (leaderboards, confirmed architectures): best reward first, earlier first on ties.</summary>
public static class Ranking
{
    /// <summary>Entries with the same architecture JSON count as one confirmed architecture.</summary>
    public static bool SameArchitecture(LeaderboardEntry a, LeaderboardEntry b) => a.Architecture == b.Architecture;

    /// <summary>Puts an entry into the list (one entry per key, the better one kept, at most <paramref name="size"/>); whether the list changed.</summary>
    public static bool Put(List<LeaderboardEntry> list, LeaderboardEntry entry, int size, Func<LeaderboardEntry, LeaderboardEntry, bool> sameKey)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(sameKey);
        var same = list.FindIndex(e => sameKey(e, entry));
        if (same >= 0 && list[same].Reward >= entry.Reward)
        {
            return false;
        }

        var before = list.ToList();
        if (same >= 0)
        {
            list.RemoveAt(same);
        }

        list.Add(entry);
        list.Sort((a, b) => b.Reward != a.Reward ? b.Reward.CompareTo(a.Reward) : a.AcceptedAt.CompareTo(b.AcceptedAt));
        if (list.Count > size)
        {
            list.RemoveRange(size, list.Count - size);
        }

        return !before.SequenceEqual(list);
    }
}
