namespace PoNasOrleans.Grains.Interfaces.Supervision;

/// <summary>One point of the high group's deviation over episodes (the paper's Figure 4).</summary>
/// <param name="At">When the supervisor took it.</param>
/// <param name="Height">The block.</param>
/// <param name="Episodes">Episodes the block had accepted by then.</param>
/// <param name="High">Miners in the high-reward group.</param>
/// <param name="Low">Miners in the low-reward group.</param>
/// <param name="Deviation">The population standard deviation of the high group's best rewards.</param>
[GenerateSerializer, Immutable, Alias("ponas.DeviationPoint")]
public sealed record DeviationPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Height,
    [property: Id(2)] long Episodes,
    [property: Id(3)] int High,
    [property: Id(4)] int Low,
    [property: Id(5)] double Deviation);
