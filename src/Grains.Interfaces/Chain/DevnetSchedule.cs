using PoNasOrleans.Chain;

namespace PoNasOrleans.Grains.Interfaces.Chain;

/// <summary>
/// How the devnet publishes heights (<see cref="IDevnetGrain.Start"/>): each height's task is this template with
/// fresh deadlines from its publication (training phase, then validation phase), and its test split is either the
/// fixed <paramref name="TestSplit"/> or, when that is null, the synthetic test set of seed
/// <paramref name="TestSeed"/> + height with <paramref name="TestImages"/> images (a new one per height, so a split
/// released at one height says nothing about the next).
/// </summary>
/// <param name="TrainingPhase">From publication to the training deadline.</param>
/// <param name="ValidationPhase">From the training deadline to the validation deadline.</param>
/// <param name="TickPeriod">How often the devnet looks whether its current height is decided (a grain timer).</param>
/// <param name="Space">The search space of every task, as space JSON.</param>
/// <param name="Layers">Layers per architecture.</param>
/// <param name="FpgaModel">The FPGA cost model.</param>
/// <param name="LutLimit">rLUT.</param>
/// <param name="MinThroughput">rThroughput.</param>
/// <param name="Epochs">The training budget.</param>
/// <param name="TrainingData">The training data of every task.</param>
/// <param name="CommitmentCap">Commitments per participant and height.</param>
/// <param name="AccuracyTolerance">How far a measured accuracy may lie from the claim.</param>
/// <param name="TestSplit">A fixed test split for every height, or null for a synthetic one per height.</param>
/// <param name="TestSeed">The synthetic test split's seed, before adding the height.</param>
/// <param name="TestImages">Images of the synthetic test split.</param>
[GenerateSerializer, Immutable, Alias("ponas.DevnetSchedule")]
public sealed record DevnetSchedule(
    [property: Id(0)] TimeSpan TrainingPhase,
    [property: Id(1)] TimeSpan ValidationPhase,
    [property: Id(2)] TimeSpan TickPeriod,
    [property: Id(3)] string Space,
    [property: Id(4)] int Layers,
    [property: Id(5)] string FpgaModel,
    [property: Id(6)] long LutLimit,
    [property: Id(7)] double MinThroughput,
    [property: Id(8)] int Epochs,
    [property: Id(9)] DatasetRef TrainingData,
    [property: Id(10)] int CommitmentCap,
    [property: Id(11)] double AccuracyTolerance,
    [property: Id(12)] DatasetRef? TestSplit,
    [property: Id(13)] ulong TestSeed,
    [property: Id(14)] int TestImages)
{
    /// <summary>The longest phase or tick period accepted (a year; beyond it date arithmetic may overflow).</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    /// <summary>The most images of a synthetic test split.</summary>
    public const int MaxTestImages = 100_000;

    /// <summary>The task of <paramref name="height"/> published at <paramref name="published"/>.</summary>
    public ChainTask TaskAt(long height, DateTimeOffset published) => new(
        height, Space, Layers, FpgaModel, LutLimit, MinThroughput, Epochs, TrainingData,
        published, published + TrainingPhase, published + TrainingPhase + ValidationPhase, CommitmentCap, AccuracyTolerance);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot be used.</summary>
    public void Check()
    {
        foreach (var (name, period) in new[] { (nameof(TrainingPhase), TrainingPhase), (nameof(ValidationPhase), ValidationPhase), (nameof(TickPeriod), TickPeriod) })
        {
            if (period <= TimeSpan.Zero || period > MaxPeriod)
            {
                throw new ArgumentException($"devnet schedule: {name} must be positive and at most {MaxPeriod.TotalDays} days, got {period}");
            }
        }

        if (TestSplit is null && TestImages is < 1 or > MaxTestImages)
        {
            throw new ArgumentException($"devnet schedule: {nameof(TestImages)} must lie in 1–{MaxTestImages}, got {TestImages}");
        }

        if (TestSplit is not null && (!ChainIds.IsLocation(TestSplit.Location) || !ChainIds.IsSha256(TestSplit.Sha256)))
        {
            throw new ArgumentException("devnet schedule: the fixed test split needs a location and a SHA-256 of 64 lowercase hex digits");
        }

        TaskAt(1, DateTimeOffset.UnixEpoch).Check();
    }
}
