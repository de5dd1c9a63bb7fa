using PoNasOrleans.Chain;

namespace PoNasOrleans.Grains.Interfaces.Chain;

/// <summary>The devnet chain now (<see cref="IDevnetGrain.Status"/>).</summary>
/// <param name="Running">Whether it publishes heights (started and not stopped).</param>
/// <param name="CurrentHeight">The newest published height, or null before the first.</param>
/// <param name="Task">The task of the current height, or null.</param>
/// <param name="Phase">The current height's phase on the chain's clock, or null.</param>
/// <param name="Decided">Whether the current height is decided (the next one is published at the next tick).</param>
/// <param name="Schedule">The schedule it publishes with, or null before it was started.</param>
[GenerateSerializer, Immutable, Alias("ponas.DevnetStatus")]
public sealed record DevnetStatus(
    [property: Id(0)] bool Running,
    [property: Id(1)] long? CurrentHeight,
    [property: Id(2)] ChainTask? Task,
    [property: Id(3)] ChainPhase? Phase,
    [property: Id(4)] bool Decided,
    [property: Id(5)] DevnetSchedule? Schedule);
