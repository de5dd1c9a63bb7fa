using System.Globalization;

namespace PoNasOrleans.AppHost;

/// <summary>
/// The miner agents the app host starts (configuration section "Agents"; docs/apphost.md): strong ones with a full time
/// budget, weak ones with a reduced factor, and devnet validators; all on the synthetic data set, as the demo runs them.
/// </summary>
internal sealed class AgentSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Agents";

    /// <summary>Most agents of one kind (a guard against a typo starting hundreds of processes).</summary>
    public const int MaxPerKind = 32;

    /// <summary>Agents with the full time budget (they explore when they are fast enough).</summary>
    public int Strong { get; set; } = 2;

    /// <summary>Agents with <see cref="WeakTimeBudgetFactor"/> (they exploit).</summary>
    public int Weak { get; set; } = 2;

    /// <summary>The weak agents' <c>--time-budget-factor</c>.</summary>
    public double WeakTimeBudgetFactor { get; set; } = 0.1;

    /// <summary>Validator agents (<c>ponas validate</c>): without one, a height the pool claimed is never judged and the devnet stops at it.</summary>
    public int Validators { get; set; } = 1;

    /// <summary>Synthetic images each agent generates (a tenth is held out; the rest must match the silo's Consensus:TrainImages).</summary>
    public int SynthImages { get; set; } = 3000;

    /// <summary>The data set's seed.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>libtorch threads per agent.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Training batch size.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Seconds between heartbeats (the silo's Pool:HeartbeatInterval should match).</summary>
    public int Heartbeat { get; set; } = 3;

    /// <summary>The mining agents as (miner id, time budget factor), strong ones first.</summary>
    public IEnumerable<(string Id, double Factor)> Miners() =>
        Enumerable.Range(1, Strong).Select(i => ($"strong-{i}", 1.0))
            .Concat(Enumerable.Range(1, Weak).Select(i => ($"weak-{i}", WeakTimeBudgetFactor)));

    /// <summary>The validator agents' miner ids.</summary>
    public IEnumerable<string> ValidatorIds() => Enumerable.Range(1, Validators).Select(i => $"validator-{i}");

    /// <summary>The arguments of <c>ponas mine</c> after <c>--pool</c> and <c>--cluster-id</c>.</summary>
    public IEnumerable<string> MineArguments(string minerId, double factor) =>
    [
        "--miner-id", minerId, "--dataset", "synth", "--synth-images", Text(SynthImages), "--seed", Text(Seed), "--threads", Text(Threads),
        "--batch-size", Text(BatchSize), "--heartbeat", Text(Heartbeat), "--time-budget-factor", factor.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>The arguments of <c>ponas validate</c> after <c>--pool</c> and <c>--cluster-id</c>.</summary>
    public IEnumerable<string> ValidateArguments(string minerId) => ["--miner-id", minerId, "--idle", "2", "--threads", Text(Threads), "--device", "cpu"];

    /// <summary>What is wrong with the settings, each naming its key (empty when they can be used).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (key, count) in new[] { (nameof(Strong), Strong), (nameof(Weak), Weak), (nameof(Validators), Validators) })
        {
            if (count is < 0 or > MaxPerKind)
            {
                problems.Add($"{Section}:{key} must lie in 0–{MaxPerKind}, got {count}");
            }
        }

        if (!(WeakTimeBudgetFactor > 0 && WeakTimeBudgetFactor <= 1))
        {
            problems.Add($"{Section}:{nameof(WeakTimeBudgetFactor)} must lie in (0, 1], got {WeakTimeBudgetFactor}");
        }

        if (SynthImages < 10 || Threads < 1 || BatchSize < 1 || Heartbeat < 1)
        {
            problems.Add($"{Section}:{nameof(SynthImages)} (≥ 10), {nameof(Threads)}, {nameof(BatchSize)} and {nameof(Heartbeat)} must be positive");
        }

        return problems;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
