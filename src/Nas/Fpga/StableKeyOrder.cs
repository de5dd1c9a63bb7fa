namespace PoNasOrleans.Nas.Fpga;

/// <summary>Orders by sort key, ties by previous position: a stable sort with any sorting algorithm.</summary>
internal readonly struct StableKeyOrder : IComparer<PartialSolution>
{
    public int Compare(PartialSolution x, PartialSolution y)
    {
        var byKey = x.SortKey.CompareTo(y.SortKey);
        return byKey != 0 ? byKey : x.Rank.CompareTo(y.Rank);
    }
}
