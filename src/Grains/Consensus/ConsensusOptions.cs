using System.Globalization;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Rewards;

namespace PoNasOrleans.Grains.Consensus;

/// <summary>How the pool takes part in the chain's consensus (configuration section "Consensus"; docs/consensus.md).</summary>
public sealed class ConsensusOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Consensus";

    /// <summary>Whether the pool follows the silo's chain client: a block for each height the chain publishes, and its consensus.</summary>
    public bool Follow { get; set; }

    /// <summary>How the pool splits a followed height's space (<c>paper</c>, <c>algorithm1</c>, <c>balanced</c>).</summary>
    public string Partitioner { get; set; } = "paper";

    /// <summary>Subspaces of a followed height (ignored by <c>paper</c>, which has nine).</summary>
    public int Subspaces { get; set; } = 9;

    /// <summary>The seed a followed height's partition and episode seeds derive from (with the height).</summary>
    public ulong Seed { get; set; } = 2022;

    /// <summary>Explorations planned per subspace of a followed height.</summary>
    public int EpisodesPerSubspace { get; set; } = 100;

    /// <summary>Training images per epoch of the chain's training data (the pool checks reported images against it).</summary>
    public int TrainImages { get; set; } = 5000;

    /// <summary>Epochs of an exploitation (longer training of confirmed architectures).</summary>
    public int ExploitEpochs { get; set; } = 6;

    /// <summary>Training time budget of an episode at a full time budget factor (none when unset).</summary>
    public TimeSpan? EpisodeTimeBudget { get; set; }

    /// <summary>The pool's participant id on the chain (its commitments hash the model with it).</summary>
    public string ParticipantId { get; set; } = "pool";

    /// <summary>Models committed per height (the spec's K).</summary>
    public int Commitments { get; set; } = 3;

    /// <summary>How long before the chain's training deadline the pool stops its block and commits (never late).</summary>
    public TimeSpan CommitMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the consensus of a height advances (a grain timer; a reminder keeps it alive).</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a miner has to measure the committed models before the job goes to another miner.</summary>
    public TimeSpan MeasureTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>What the chain pays the winner of a block, in the smallest unit.</summary>
    public long BlockReward { get; set; } = 1_000_000;

    /// <summary>The pool's fee, in basis points of the block reward.</summary>
    public int PoolFeeBasisPoints { get; set; } = 200;

    /// <summary>The finder bonus, in basis points of the reward after the fee.</summary>
    public int FinderBonusBasisPoints { get; set; } = 1_000;

    /// <summary>The pool's block for the chain's task: the chain's space, layers, hardware limits and epochs; the pool's split, budgets and a training phase that ends <see cref="CommitMargin"/> before the chain's.</summary>
    public BlockTask BlockFor(ChainTask task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        var phase = task.TrainingDeadline - CommitMargin - now;
        return new BlockTask(
            task.Height, task.Space, task.Layers, task.FpgaModel, task.LutLimit, task.MinThroughput, task.Epochs, TrainImages, Partitioner, Subspaces,
            SeedDerivation.Derive(Seed, "height", task.Height.ToString(CultureInfo.InvariantCulture)), EpisodesPerSubspace,
            phase > TimeSpan.Zero ? phase : TimeSpan.FromSeconds(1), EpisodeTimeBudget, ExploitEpochs);
    }

    /// <summary>What is wrong with the options (empty when they can be used).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ParticipantId) || ParticipantId.Length > 128 || ParticipantId.Any(char.IsControl))
        {
            problems.Add("Consensus:ParticipantId must be 1–128 printable characters");
        }

        if (Commitments is < 1 or > 100)
        {
            problems.Add("Consensus:Commitments must be 1–100");
        }

        if (CommitMargin <= TimeSpan.Zero || Tick <= TimeSpan.Zero || MeasureTimeout <= TimeSpan.Zero)
        {
            problems.Add("Consensus:CommitMargin, Tick and MeasureTimeout must be positive");
        }

        if (Subspaces is < 1 or > 10_000 || EpisodesPerSubspace < 1 || TrainImages < 1 || ExploitEpochs < 1 || EpisodeTimeBudget <= TimeSpan.Zero)
        {
            problems.Add("Consensus:Subspaces (1–10000), EpisodesPerSubspace, TrainImages, ExploitEpochs and EpisodeTimeBudget must be positive");
        }

        if (BlockReward < 0)
        {
            problems.Add("Consensus:BlockReward must not be negative");
        }

        if (PoolFeeBasisPoints is < 0 or > RewardSplit.BasisPointsPerWhole || FinderBonusBasisPoints is < 0 or > RewardSplit.BasisPointsPerWhole)
        {
            problems.Add($"Consensus:PoolFeeBasisPoints and FinderBonusBasisPoints must be 0–{RewardSplit.BasisPointsPerWhole}");
        }

        return problems;
    }
}
