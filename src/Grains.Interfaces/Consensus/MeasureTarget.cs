namespace PoNasOrleans.Grains.Interfaces.Consensus;

/// <summary>One committed model the pool asks a miner to measure on the released test split.</summary>
/// <param name="Commitment">The commitment it opens (lowercase hex SHA-256 of model ‖ pool participant id).</param>
/// <param name="Architecture">Its architecture, as architecture JSON.</param>
/// <param name="ModelDownload">A short-lived read link to the model's bytes.</param>
/// <param name="ModelSha256">The SHA-256 of the model's bytes, to check the download against.</param>
[GenerateSerializer, Immutable, Alias("ponas.MeasureTarget")]
public sealed record MeasureTarget(
    [property: Id(0)] string Commitment,
    [property: Id(1)] string Architecture,
    [property: Id(2)] Uri ModelDownload,
    [property: Id(3)] string ModelSha256);
