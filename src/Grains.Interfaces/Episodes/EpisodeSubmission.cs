namespace PoNasOrleans.Grains.Interfaces.Episodes;

/// <summary>
/// A miner's report of one finished episode. The idempotency key is (miner, subspace, sequence): the same report
/// sent again is acknowledged again and counted once.
/// </summary>
/// <param name="Height">The block height.</param>
/// <param name="Subspace">The subspace's name.</param>
/// <param name="Sequence">The miner's episode number in the subspace: 1, 2, 3, … with no gap.</param>
/// <param name="Kind">Exploration or exploitation, as the work item said.</param>
/// <param name="Architecture">The architecture trained, as architecture JSON.</param>
/// <param name="Luts">The miner's LUT estimate.</param>
/// <param name="Throughput">The miner's throughput estimate (images/s).</param>
/// <param name="Feasible">The miner's feasibility verdict.</param>
/// <param name="Reward">The reward: validation accuracy, 0 when infeasible.</param>
/// <param name="ImagesTrained">Training images processed (0 when infeasible).</param>
/// <param name="Seconds">Wall-clock seconds of the episode.</param>
/// <param name="Model">The uploaded trained model (a best), or null.</param>
/// <param name="Checkpoint">The controller checkpoint after this episode (exploration only).</param>
/// <param name="ControllerEpisodes">The checkpoint's episode counter: the subspace's explorations so far, this one included (exploration only).</param>
[GenerateSerializer, Immutable, Alias("ponas.EpisodeSubmission")]
public sealed record EpisodeSubmission(
    [property: Id(0)] long Height,
    [property: Id(1)] string Subspace,
    [property: Id(2)] long Sequence,
    [property: Id(3)] EpisodeKind Kind,
    [property: Id(4)] string Architecture,
    [property: Id(5)] long Luts,
    [property: Id(6)] double Throughput,
    [property: Id(7)] bool Feasible,
    [property: Id(8)] double Reward,
    [property: Id(9)] long ImagesTrained,
    [property: Id(10)] double Seconds,
    [property: Id(11)] BlobRef? Model,
    [property: Id(12)] BlobRef? Checkpoint,
    [property: Id(13)] long ControllerEpisodes);
