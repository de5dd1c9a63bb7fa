namespace PoNasOrleans.Chain;

/// <summary>A data set the chain names: where to fetch it and the SHA-256 of its content (64 lowercase hex digits).</summary>
/// <param name="Location">A URI or content-addressed name of the data (1–2048 characters, no control characters).</param>
/// <param name="Sha256">The SHA-256 of the data's bytes, 64 lowercase hex digits.</param>
[GenerateSerializer, Immutable, Alias("ponas.chain.DatasetRef")]
public sealed record DatasetRef(
    [property: Id(0)] string Location,
    [property: Id(1)] string Sha256);
