using PoNasOrleans.Grains.Interfaces.Subspaces;

namespace PoNasOrleans.Grains.Storage;

/// <summary>What an append did.</summary>
public enum AppendOutcome
{
    /// <summary>The entry was written.</summary>
    Stored,

    /// <summary>Nothing was written: the miner's episode of that sequence number is stored already (the entry returned).</summary>
    EpisodeExists,

    /// <summary>Nothing was written: another entry holds the index (returned; the subspace's state is behind its log).</summary>
    IndexTaken,
}

/// <summary>The outcome of an append and the entry it concerns.</summary>
public sealed record Appended(AppendOutcome Outcome, EpisodeEntry Entry);
