using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Grains.Chain;

/// <summary>
/// The devnet chain in the silo (configuration section "Devnet"; docs/silo.md): whether the silo runs it, its phases
/// and tick, and the template of every height's task. Checked only when <see cref="Enabled"/>.
/// </summary>
public sealed class DevnetOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Devnet";

    /// <summary>The most images of the synthetic training set.</summary>
    public const int MaxTrainImages = 100_000;

    /// <summary>Whether the silo runs the devnet: it starts publishing at start-up and serves <see cref="IChainClient"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>From a height's publication to its training deadline.</summary>
    public TimeSpan TrainingPhase { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>From a height's training deadline to its validation deadline.</summary>
    public TimeSpan ValidationPhase { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the devnet looks whether its current height is decided.</summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the model links validators get stay valid.</summary>
    public TimeSpan ValidatorLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The search space as space JSON; unset: the paper's full space.</summary>
    public string? Space { get; set; }

    /// <summary>Layers per architecture.</summary>
    public int Layers { get; set; } = 6;

    /// <summary>The FPGA cost model.</summary>
    public string FpgaModel { get; set; } = "tiled";

    /// <summary>rLUT.</summary>
    public long LutLimit { get; set; } = 100_000;

    /// <summary>rThroughput (images/s).</summary>
    public double MinThroughput { get; set; } = 10;

    /// <summary>The training budget in epochs.</summary>
    public int Epochs { get; set; } = 30;

    /// <summary>Commitments per participant and height.</summary>
    public int CommitmentCap { get; set; } = 3;

    /// <summary>How far a measured accuracy may lie from the claimed one.</summary>
    public double AccuracyTolerance { get; set; } = 0.01;

    /// <summary>The seed of the synthetic training set, and of the synthetic test splits (seed + height).</summary>
    public ulong DataSeed { get; set; } = 1;

    /// <summary>Images of the synthetic training set.</summary>
    public int TrainImages { get; set; } = 5000;

    /// <summary>Images of each height's synthetic test split.</summary>
    public int TestImages { get; set; } = 1000;

    /// <summary>Training data elsewhere (with <see cref="TrainingDataSha256"/>) instead of the synthetic set.</summary>
    public string? TrainingDataLocation { get; set; }

    /// <summary>The SHA-256 of the data at <see cref="TrainingDataLocation"/>.</summary>
    public string? TrainingDataSha256 { get; set; }

    /// <summary>One fixed test split for every height (with <see cref="TestSplitSha256"/>) instead of a synthetic one per height.</summary>
    public string? TestSplitLocation { get; set; }

    /// <summary>The SHA-256 of the data at <see cref="TestSplitLocation"/>.</summary>
    public string? TestSplitSha256 { get; set; }

    /// <summary>The problems of this configuration, each naming its key; empty when it can be used (or the devnet is not enabled).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enabled)
        {
            return problems;
        }

        foreach (var (key, period) in new[] { (nameof(TrainingPhase), TrainingPhase), (nameof(ValidationPhase), ValidationPhase), (nameof(TickPeriod), TickPeriod), (nameof(ValidatorLinkLifetime), ValidatorLinkLifetime) })
        {
            if (period <= TimeSpan.Zero || period > DevnetSchedule.MaxPeriod)
            {
                problems.Add($"{Section}:{key} must be positive and at most {DevnetSchedule.MaxPeriod.TotalDays} days, got {period}");
            }
        }

        var trainingData = Pair(nameof(TrainingDataLocation), TrainingDataLocation, nameof(TrainingDataSha256), TrainingDataSha256, problems);
        if (trainingData is null && TrainImages is < 1 or > MaxTrainImages)
        {
            problems.Add($"{Section}:{nameof(TrainImages)} must lie in 1–{MaxTrainImages}, got {TrainImages}");
        }

        var testSplit = Pair(nameof(TestSplitLocation), TestSplitLocation, nameof(TestSplitSha256), TestSplitSha256, problems);
        if (testSplit is null && TestImages is < 1 or > DevnetSchedule.MaxTestImages)
        {
            problems.Add($"{Section}:{nameof(TestImages)} must lie in 1–{DevnetSchedule.MaxTestImages}, got {TestImages}");
        }

        if (problems.Count == 0)
        {
            try
            {
                Template(new DatasetRef("synth:check", new string('0', 64))).Check();
            }
            catch (ArgumentException e)
            {
                problems.Add($"{Section}: the task template cannot be used: {e.Message}");
            }
        }

        return problems;
    }

    /// <summary>The schedule the devnet publishes with (makes the synthetic training set to hash it, unless the training data is elsewhere).</summary>
    public DevnetSchedule Schedule() =>
        Template(TrainingDataLocation is not null && TrainingDataSha256 is not null
            ? new DatasetRef(TrainingDataLocation, TrainingDataSha256)
            : SyntheticData.Training(DataSeed, TrainImages));

    private DevnetSchedule Template(DatasetRef trainingData) => new(
        TrainingPhase, ValidationPhase, TickPeriod, Space ?? SpaceJson.Write(PresetCatalog.Paper.Full), Layers, FpgaModel, LutLimit, MinThroughput,
        Epochs, trainingData, CommitmentCap, AccuracyTolerance,
        TestSplitLocation is not null && TestSplitSha256 is not null ? new DatasetRef(TestSplitLocation, TestSplitSha256) : null,
        DataSeed, TestImages);

    /// <summary>A data reference given as location and SHA-256: both or neither, well formed; null when neither.</summary>
    private static DatasetRef? Pair(string locationKey, string? location, string shaKey, string? sha256, List<string> problems)
    {
        if (location is null && sha256 is null)
        {
            return null;
        }

        if (!ChainIds.IsLocation(location))
        {
            problems.Add($"{Section}:{locationKey} must be 1–{ChainIds.MaxLocationLength} characters without control characters when {Section}:{shaKey} is set");
        }

        if (!ChainIds.IsSha256(sha256))
        {
            problems.Add($"{Section}:{shaKey} must be 64 lowercase hex digits when {Section}:{locationKey} is set, got '{sha256}'");
        }

        return new DatasetRef(location ?? "", sha256 ?? "");
    }
}
