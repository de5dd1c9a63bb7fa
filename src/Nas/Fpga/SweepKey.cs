namespace PoNasOrleans.Nas.Fpga;

/// <summary>The measures of a partial solution that the Pareto sweeps compare.</summary>
internal enum SweepKey
{
    /// <summary>The last group's LUTs.</summary>
    LastLuts,

    /// <summary>The total cycles.</summary>
    Cycles,

    /// <summary>The cycles of all groups but the last.</summary>
    EarlierCycles,
}
