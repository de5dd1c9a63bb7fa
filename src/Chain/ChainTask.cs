using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Chain;

/// <summary>
/// The task the chain publishes for one height (consensus-and-pool.md, "Initialization"). The test split is not
/// part of it: the height's <see cref="HeightLedger"/> holds it and releases it at the training deadline.
/// </summary>
/// <param name="Height">The block height (≥ 1).</param>
/// <param name="Space">The search space, as space JSON.</param>
/// <param name="Layers">Layers per architecture (1–32).</param>
/// <param name="FpgaModel">The FPGA cost model name (<see cref="FpgaCostModels.Names"/>).</param>
/// <param name="LutLimit">rLUT: the largest LUT count allowed.</param>
/// <param name="MinThroughput">rThroughput: the throughput (images/s) a feasible architecture must exceed.</param>
/// <param name="Epochs">The training budget, in epochs.</param>
/// <param name="TrainingData">The training data and its SHA-256.</param>
/// <param name="Published">When the task is published: the training phase opens.</param>
/// <param name="TrainingDeadline">Commitments must arrive strictly before it; the validation phase opens at it.</param>
/// <param name="ValidationDeadline">Reveals must arrive strictly before it; judging opens at it.</param>
/// <param name="CommitmentCap">Commitments allowed per participant (≥ 1).</param>
/// <param name="AccuracyTolerance">A claim holds when |measured − claimed| ≤ this (in [0, 1), plus <see cref="HeightLedger.RoundingSlack"/>).</param>
[GenerateSerializer, Immutable, Alias("ponas.chain.ChainTask")]
public sealed record ChainTask(
    [property: Id(0)] long Height,
    [property: Id(1)] string Space,
    [property: Id(2)] int Layers,
    [property: Id(3)] string FpgaModel,
    [property: Id(4)] long LutLimit,
    [property: Id(5)] double MinThroughput,
    [property: Id(6)] int Epochs,
    [property: Id(7)] DatasetRef TrainingData,
    [property: Id(8)] DateTimeOffset Published,
    [property: Id(9)] DateTimeOffset TrainingDeadline,
    [property: Id(10)] DateTimeOffset ValidationDeadline,
    [property: Id(11)] int CommitmentCap,
    [property: Id(12)] double AccuracyTolerance)
{
    /// <summary>The most layers a task may ask for (as the pool's block tasks).</summary>
    public const int MaxLayers = 32;

    /// <summary>The phase at a clock time: each deadline opens the next phase, so "before" is strict.</summary>
    public ChainPhase PhaseAt(DateTimeOffset now) =>
        now < Published ? ChainPhase.Initialization
        : now < TrainingDeadline ? ChainPhase.Training
        : now < ValidationDeadline ? ChainPhase.Validation
        : ChainPhase.Confirmed;

    /// <summary>The task's search space, parsed.</summary>
    public SearchSpace ParseSpace() => SpaceJson.Parse(Space);

    /// <summary>The task's FPGA cost model.</summary>
    public IFpgaCostModel CostModel() => FpgaCostModels.Get(FpgaModel);

    /// <summary>The task's hardware constraints.</summary>
    public FpgaConstraints Constraints() => new(LutLimit, MinThroughput);

    /// <summary>
    /// Checks that the task can be run; throws <see cref="ArgumentException"/> naming the first field at fault
    /// (an unusable space, layer count, FPGA model or budget, a malformed data reference, deadlines out of order).
    /// </summary>
    public void Check()
    {
        Require(Height >= 1, $"height must be at least 1, got {Height}");
        try
        {
            ParseSpace();
        }
        catch (SpaceFormatException e)
        {
            throw new ArgumentException($"task {Height}: space: {e.Message}", nameof(Space), e);
        }

        Require(Layers is >= 1 and <= MaxLayers, $"layers must lie in 1–{MaxLayers}, got {Layers}");
        Require(FpgaCostModels.Names.Contains(FpgaModel), $"unknown FPGA cost model '{FpgaModel}' (known: {string.Join(", ", FpgaCostModels.Names)})");
        Require(LutLimit > 0, $"the LUT limit must be positive, got {LutLimit}");
        Require(double.IsFinite(MinThroughput) && MinThroughput > 0, $"the minimum throughput must be positive and finite, got {MinThroughput}");
        Require(Epochs >= 1, $"epochs must be at least 1, got {Epochs}");
        Require(TrainingData is not null && ChainIds.IsLocation(TrainingData.Location), "the training data needs a location (1–2048 characters, no control characters)");
        Require(ChainIds.IsSha256(TrainingData!.Sha256), $"the training data's SHA-256 must be 64 lowercase hex digits, got '{TrainingData.Sha256}'");
        Require(Published < TrainingDeadline, $"the training deadline {TrainingDeadline:O} must follow the publication {Published:O}");
        Require(TrainingDeadline < ValidationDeadline, $"the validation deadline {ValidationDeadline:O} must follow the training deadline {TrainingDeadline:O}");
        Require(CommitmentCap >= 1, $"the commitment cap must be at least 1, got {CommitmentCap}");
        Require(double.IsFinite(AccuracyTolerance) && AccuracyTolerance is >= 0 and < 1, $"the accuracy tolerance must lie in [0, 1), got {AccuracyTolerance}");
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"task {Height}: {message}");
        }
    }
}
