using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Fpga;

/// <summary>
/// The FPGA model of the reference (ND-SCL/NAQS): layers grouped in order, one engine per layer of a group,
/// tilings chosen by the reference's search. Parameterised by the two points where the named models differ.
/// </summary>
/// <param name="name">The catalogue name.</param>
/// <param name="multipliers">The MULT table (with or without the MULT[8][13] typo).</param>
/// <param name="channelsAsRows">Quirk Q1: cycles use R' = N (the channel count) instead of the padded height R.</param>
public sealed class GroupSearchModel(string name, MultiplierTable multipliers, bool channelsAsRows) : IFpgaCostModel
{
    /// <inheritdoc />
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The MULT table.</summary>
    public MultiplierTable Multipliers { get; } = multipliers ?? throw new ArgumentNullException(nameof(multipliers));

    /// <summary>Whether cycles use R' = N (quirk Q1 of the reference) rather than R' = R.</summary>
    public bool ChannelsAsRows { get; } = channelsAsRows;

    /// <inheritdoc />
    public FpgaEstimate Estimate(Architecture architecture, FpgaConstraints constraints)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(constraints);
        return GroupSearch.Run(this, LayerHardware.Derive(architecture), constraints);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>R', the rows in the layer's cycle count.</summary>
    internal int CycleRows(in LayerHardware layer) => ChannelsAsRows ? layer.N : layer.R;
}
