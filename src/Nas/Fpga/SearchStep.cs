namespace PoNasOrleans.Nas.Fpga;

/// <summary>One layer's tiling in the search trace, linked to the previous layer's step (−1 for the first).</summary>
internal readonly record struct SearchStep(int Previous, LayerTiling Tiling, bool StartsGroup);
