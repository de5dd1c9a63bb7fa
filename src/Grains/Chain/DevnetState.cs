using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;

namespace PoNasOrleans.Grains.Chain;

/// <summary>The stored state of the devnet: its schedule, whether it runs, and the current height with what it was opened with.</summary>
[GenerateSerializer, Alias("ponas.DevnetState")]
public sealed class DevnetState
{
    [Id(0)]
    public DevnetSchedule? Schedule { get; set; }

    [Id(1)]
    public bool Running { get; set; }

    /// <summary>The newest published height (stored before its height grain is opened, so a failure in between is repaired by the next tick).</summary>
    [Id(2)]
    public long? CurrentHeight { get; set; }

    /// <summary>The task of the current height.</summary>
    [Id(3)]
    public ChainTask? Task { get; set; }

    /// <summary>The test split of the current height.</summary>
    [Id(4)]
    public DatasetRef? TestSplit { get; set; }
}
