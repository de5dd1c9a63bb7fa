namespace PoNasOrleans.Nas.Fpga;

/// <summary>The tiling chosen for one layer: <paramref name="Tn"/> input and <paramref name="Tm"/> output
/// channels processed in parallel, with the engine's LUTs and the layer's cycles.</summary>
public readonly record struct LayerTiling(int Tn, int Tm, long Luts, long Cycles);
