using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests;

/// <summary>Whole-tensor comparisons.</summary>
internal static class TensorAssert
{
    /// <summary>Same shape and exactly the same values.</summary>
    public static bool IsSameAs(this Tensor actual, Tensor expected) =>
        actual.shape.SequenceEqual(expected.shape) && actual.equal(expected).all().item<bool>();
}
