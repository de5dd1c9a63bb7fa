namespace PoNasOrleans.Grains.Interfaces.Work;

/// <summary>A miner's measured training speed and the share of wall-clock time it trains.</summary>
/// <param name="ImagesPerSecond">Training images per second measured by a calibration run (later: from real episodes).</param>
/// <param name="TimeBudgetFactor">The share of an episode's time budget the miner gets, in (0, 1] (the paper's weak miner: 0.1).</param>
[GenerateSerializer, Immutable, Alias("ponas.MinerStrength")]
public sealed record MinerStrength([property: Id(0)] double ImagesPerSecond, [property: Id(1)] double TimeBudgetFactor)
{
    /// <summary>Images per second the miner effectively contributes: speed × budget factor.</summary>
    public double Effective => ImagesPerSecond * TimeBudgetFactor;
}
