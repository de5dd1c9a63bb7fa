namespace PoNasOrleans.Nas.Fpga;

/// <summary>
/// A grouping of the layers seen so far: total LUTs and cycles, the last group's LUTs and cycles, and the
/// last layer's step in the search trace (−1 while empty).
/// </summary>
internal record struct PartialSolution(long Luts, long Cycles, long LastLuts, long LastCycles, int Step)
{
    /// <summary>The empty solution the search starts from.</summary>
    public static PartialSolution Empty => new(0, 0, 0, 0, -1);

    /// <summary>Order of creation among the children of the current layer.</summary>
    public int Creation { get; set; }

    /// <summary>Position before the current sort, so that the sort is stable.</summary>
    public int Rank { get; set; }

    /// <summary>The key of the current sort.</summary>
    public long SortKey { get; set; }

    /// <summary>Whether no layer has been placed yet.</summary>
    public readonly bool IsEmpty => Step < 0;

    /// <summary>The measure a sweep compares.</summary>
    public readonly long Key(SweepKey key) => key switch
    {
        SweepKey.LastLuts => LastLuts,
        SweepKey.Cycles => Cycles,
        SweepKey.EarlierCycles => Cycles - LastCycles,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown sweep key"),
    };

    /// <summary>This solution with the layer in a new group.</summary>
    public readonly PartialSolution WithNewGroup(LayerTiling tiling, int step) =>
        new(Math.Max(Luts, tiling.Luts), Cycles + tiling.Cycles, tiling.Luts, tiling.Cycles, step);

    /// <summary>This solution with the layer appended to the last group (a new group when empty).</summary>
    public readonly PartialSolution WithAppended(LayerTiling tiling, int step)
    {
        if (IsEmpty)
        {
            return WithNewGroup(tiling, step);
        }

        var lastLuts = LastLuts + tiling.Luts;
        return tiling.Cycles > LastCycles
            ? new(Math.Max(Luts, lastLuts), Cycles + tiling.Cycles - LastCycles, lastLuts, tiling.Cycles, step)
            : new(Math.Max(Luts, lastLuts), Cycles, lastLuts, LastCycles, step);
    }
}
