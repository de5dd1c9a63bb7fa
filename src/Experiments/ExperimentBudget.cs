namespace PoNasOrleans.Experiments;

/// <summary>
/// How much work an experiment gets: data, network depth, training per episode and episodes per miner. The same
/// budget gives every miner and every compared setting the same work, so comparisons are at equal budget.
/// </summary>
/// <param name="Name">fast, small or paper.</param>
/// <param name="SynthImages">Images of the synthetic data set each agent generates (a tenth is held out for rewards); ignored for a CIFAR-10 folder.</param>
/// <param name="Layers">Layers per architecture (the paper has six).</param>
/// <param name="Epochs">Training epochs of an exploration episode.</param>
/// <param name="ExploitEpochs">Training epochs of an exploitation episode.</param>
/// <param name="EpisodesPerMiner">Exploration episodes per subspace, i.e. per miner: every miner explores one subspace.</param>
/// <param name="PartitionMiners">Miners (and subspaces) of the partitioner comparison.</param>
/// <param name="BatchSize">Images per SGD step.</param>
/// <param name="EpisodeTimeBudget">
/// Every block's wall-clock training budget of an episode at a full time budget factor (a weak miner gets a tenth);
/// null: none, and the weak-miner experiment derives one from the agents' calibration.
/// </param>
/// <param name="Progress">Time between progress lines.</param>
/// <param name="BlockTimeout">The longest a block may take before the experiment gives up.</param>
internal sealed record ExperimentBudget(
    string Name,
    int SynthImages,
    int Layers,
    int Epochs,
    int ExploitEpochs,
    int EpisodesPerMiner,
    int PartitionMiners,
    int BatchSize,
    TimeSpan? EpisodeTimeBudget,
    TimeSpan Progress,
    TimeSpan BlockTimeout)
{
    /// <summary>Minutes in all on two cores: a handful of tiny episodes per miner (the CI test's budget).</summary>
    public static readonly ExperimentBudget Fast = new("fast", 300, 3, 1, 2, 4, 4, 32, null, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));

    /// <summary>
    /// Tens of minutes on two cores: the figures of docs/experiments.md. Three layers and six epochs of 32-image
    /// batches: with the paper's six layers and learning rate, networks stay at chance level for the first thousand or
    /// so SGD steps, and a budget of minutes has only a few hundred per episode. Episodes stop training after 15 s, so
    /// that the costliest architectures (64 filters of 7×7 at stride 1) do not hold a block up for minutes each.
    /// </summary>
    public static readonly ExperimentBudget Small = new("small", 2000, 3, 6, 10, 16, 9, 32, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromHours(2));

    /// <summary>The paper's: 2000 episodes of 30 epochs per subspace on CIFAR-10 (weeks of GPU time; documented, not run here).</summary>
    public static readonly ExperimentBudget Paper = new("paper", 50_000, 6, 30, 60, 2000, 9, 128, null, TimeSpan.FromMinutes(5), TimeSpan.FromDays(60));

    /// <summary>The known budgets.</summary>
    public static IReadOnlyList<ExperimentBudget> All { get; } = [Fast, Small, Paper];

    /// <summary>The budget of a name; throws naming the known ones.</summary>
    public static ExperimentBudget Named(string name) =>
        All.FirstOrDefault(b => b.Name == name) ?? throw new ArgumentException($"unknown budget '{name}' (known: {string.Join(", ", All.Select(b => b.Name))})");
}
