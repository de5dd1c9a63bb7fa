using System.Collections.Immutable;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Interfaces.Subspaces;

/// <summary>A subspace as the operator sees it.</summary>
/// <param name="Height">The block height.</param>
/// <param name="Name">Its name.</param>
/// <param name="Space">Its ranges as space JSON.</param>
/// <param name="Explorer">The miner exploring it, if any.</param>
/// <param name="Explorations">Exploration episodes accepted (the controller's episode counter).</param>
/// <param name="Episodes">Episodes accepted in all.</param>
/// <param name="EpisodeBudget">Exploration episodes planned.</param>
/// <param name="Best">Its best accepted episode.</param>
/// <param name="Curve">Best reward against accepted episodes (the steps only).</param>
/// <param name="Checkpoint">The latest controller checkpoint.</param>
/// <param name="Confirmed">Its best architectures, shared for exploitation, best first.</param>
/// <param name="Refusals">Refused reports by reason.</param>
[GenerateSerializer, Immutable, Alias("ponas.SubspaceSummary")]
public sealed record SubspaceSummary(
    [property: Id(0)] long Height,
    [property: Id(1)] string Name,
    [property: Id(2)] string Space,
    [property: Id(3)] string? Explorer,
    [property: Id(5)] long Explorations,
    [property: Id(6)] long Episodes,
    [property: Id(7)] int EpisodeBudget,
    [property: Id(8)] LeaderboardEntry? Best,
    [property: Id(9)] ImmutableArray<CurvePoint> Curve,
    [property: Id(10)] BlobRef? Checkpoint,
    [property: Id(11)] ImmutableArray<LeaderboardEntry> Confirmed,
    [property: Id(12)] ImmutableDictionary<ReportRefusal, long> Refusals);
