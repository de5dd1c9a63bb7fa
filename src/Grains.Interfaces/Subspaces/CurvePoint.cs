namespace PoNasOrleans.Grains.Interfaces.Subspaces;

/// <summary>A step of a best-reward curve: after <paramref name="Episode"/> accepted episodes the best reward became <paramref name="Reward"/>.</summary>
[GenerateSerializer, Immutable, Alias("ponas.CurvePoint")]
public sealed record CurvePoint([property: Id(0)] long Episode, [property: Id(1)] double Reward);
