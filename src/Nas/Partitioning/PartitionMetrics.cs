namespace PoNasOrleans.Nas.Partitioning;

/// <summary>
/// How good a partition is, counted in layer configurations (one layer's ten values; an L-layer architecture
/// is in a subspace when each of its layers is, so architecture counts are these sizes to the power L).
/// </summary>
/// <param name="Subspaces">Number of subspaces.</param>
/// <param name="Coverage">Fraction of the full space's layer configurations that lie in at least one subspace.</param>
/// <param name="CoverageIsExact">True when every configuration was checked; false when estimated by sampling.</param>
/// <param name="MeanPairwiseOverlap">Mean over all pairs of subspaces of |A ∩ B| / |A ∪ B| (Jaccard); 0 is disjoint.</param>
/// <param name="MaxPairwiseOverlap">The largest pairwise overlap.</param>
/// <param name="MinSize">Layer configurations of the smallest subspace.</param>
/// <param name="MaxSize">Layer configurations of the largest subspace.</param>
/// <param name="SizeSpread">MaxSize / MinSize (1 is perfectly even).</param>
/// <param name="SizeCoefficientOfVariation">Standard deviation of the sizes over their mean.</param>
public sealed record PartitionMetrics(
    int Subspaces,
    double Coverage,
    bool CoverageIsExact,
    double MeanPairwiseOverlap,
    double MaxPairwiseOverlap,
    long MinSize,
    long MaxSize,
    double SizeSpread,
    double SizeCoefficientOfVariation);
