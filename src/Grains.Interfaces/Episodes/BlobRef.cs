namespace PoNasOrleans.Grains.Interfaces.Episodes;

/// <summary>A blob the pool can check: its name in its container and the SHA-256 of its content (64 lowercase hex digits).</summary>
[GenerateSerializer, Immutable, Alias("ponas.BlobRef")]
public sealed record BlobRef([property: Id(0)] string Name, [property: Id(1)] string Sha256);
