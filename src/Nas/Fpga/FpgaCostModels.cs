using System.Collections.Immutable;

namespace PoNasOrleans.Nas.Fpga;

/// <summary>The named FPGA cost models.</summary>
public static class FpgaCostModels
{
    /// <summary>The reference model reproduced exactly, quirks included (R' = N, MULT[8][13] = 42).</summary>
    public static IFpgaCostModel Naqs2019 { get; } = new GroupSearchModel("naqs-2019", MultiplierTable.Reference, channelsAsRows: true);

    /// <summary>The reference with quirk Q1 corrected (R' = R) and MULT[8][13] = 140: the default for new tasks.</summary>
    public static IFpgaCostModel Tiled { get; } = new GroupSearchModel("tiled", MultiplierTable.Corrected, channelsAsRows: false);

    private static readonly ImmutableArray<IFpgaCostModel> All = [Naqs2019, Tiled];

    /// <summary>The names of the known models.</summary>
    public static ImmutableArray<string> Names { get; } = [.. All.Select(model => model.Name)];

    /// <summary>The model of a name (exact); an <see cref="ArgumentException"/> lists the known names otherwise.</summary>
    public static IFpgaCostModel Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(model => model.Name == name)
            ?? throw new ArgumentException($"unknown FPGA cost model '{name}' (known: {string.Join(", ", Names)})", nameof(name));
    }
}
