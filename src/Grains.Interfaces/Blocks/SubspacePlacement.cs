namespace PoNasOrleans.Grains.Interfaces.Blocks;

/// <summary>One subspace of a block's partition and who explores it.</summary>
/// <param name="Name">Its name (S1, S2, …).</param>
/// <param name="Space">Its ranges, as space JSON.</param>
/// <param name="Explorer">The strong miner exploring it now, if any.</param>
/// <param name="Explored">Whether its exploration budget is spent.</param>
/// <param name="Backup">The strong miner standing by to take it over when its explorer leaves, if any.</param>
[GenerateSerializer, Immutable, Alias("ponas.SubspacePlacement")]
public sealed record SubspacePlacement(
    [property: Id(0)] string Name,
    [property: Id(1)] string Space,
    [property: Id(2)] string? Explorer,
    [property: Id(3)] bool Explored,
    [property: Id(4)] string? Backup = null);
