namespace PoNasOrleans.Training;

/// <summary>How one forward pass of a child layer computes.</summary>
public enum LayerPrecision
{
    /// <summary>Full precision (float32).</summary>
    FullPrecision,

    /// <summary>Fixed point: weights, biases and outputs rounded and clamped; rounding has zero gradient.</summary>
    FixedPoint,

    /// <summary>Fixed point in the forward pass with a straight-through estimator for the gradient.</summary>
    FixedPointStraightThrough,
}
