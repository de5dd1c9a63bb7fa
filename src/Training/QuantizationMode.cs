namespace PoNasOrleans.Training;

/// <summary>When a child network computes in fixed point (nas-training.md, "Fixed-point quantization").</summary>
public enum QuantizationMode
{
    /// <summary>
    /// Post-training quantization, the reference: training in full precision; evaluation (eval mode) quantizes the
    /// input, weights, biases and layer outputs. The stored weights stay in full precision.
    /// </summary>
    PostTraining,

    /// <summary>
    /// Quantization-aware training: training and evaluation both compute in fixed point; gradients pass the
    /// rounding by a straight-through estimator.
    /// </summary>
    QuantizationAware,

    /// <summary>No quantization at all: a full-precision baseline, in training and in evaluation.</summary>
    None,
}
