using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Subspaces;

/// <summary>
/// The stored state of a subspace: summaries and references only. The episodes themselves are in the episode
/// table, the checkpoints and models in blobs and the per-miner counts in the miner grains, so this state stays
/// small however long the search runs and however many miners exploit the subspace.
/// </summary>
[GenerateSerializer, Alias("ponas.SubspaceState")]
public sealed class SubspaceState
{
    [Id(0)]
    public BlockTask? Task { get; set; }

    [Id(1)]
    public string Space { get; set; } = "";

    [Id(2)]
    public DateTimeOffset Deadline { get; set; }

    [Id(3)]
    public string? Explorer { get; set; }

    [Id(6)]
    public long Explorations { get; set; }

    /// <summary>Episodes taken in: the index of the last log entry this state includes.</summary>
    [Id(7)]
    public long Episodes { get; set; }

    [Id(8)]
    public List<CurvePoint> Curve { get; set; } = [];

    [Id(9)]
    public BlobRef? Checkpoint { get; set; }

    /// <summary>The best distinct feasible architectures, best first; the first is the subspace's best.</summary>
    [Id(10)]
    public List<LeaderboardEntry> Confirmed { get; set; } = [];

    [Id(11)]
    public Dictionary<ReportRefusal, long> Refusals { get; set; } = [];

    public double BestReward => Confirmed.Count > 0 ? Confirmed[0].Reward : 0;
}
