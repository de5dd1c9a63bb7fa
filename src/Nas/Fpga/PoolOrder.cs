namespace PoNasOrleans.Nas.Fpga;

/// <summary>The order of a pruned pool, where the reference leaves it open: cycles, LUTs, order of creation.</summary>
internal readonly struct PoolOrder : IComparer<PartialSolution>
{
    public int Compare(PartialSolution x, PartialSolution y)
    {
        var byCycles = x.Cycles.CompareTo(y.Cycles);
        if (byCycles != 0)
        {
            return byCycles;
        }

        var byLuts = x.Luts.CompareTo(y.Luts);
        return byLuts != 0 ? byLuts : x.Creation.CompareTo(y.Creation);
    }
}
