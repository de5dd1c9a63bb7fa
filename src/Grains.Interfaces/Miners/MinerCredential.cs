namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>The pool-issued secret of a miner, returned once at registration.</summary>
[GenerateSerializer, Immutable, Alias("ponas.MinerCredential")]
public sealed record MinerCredential([property: Id(0)] string MinerId, [property: Id(1)] string Secret)
{
    /// <inheritdoc />
    public override string ToString() => $"MinerCredential {{ MinerId = {MinerId}, Secret = *** }}";
}
