using System.Collections.Immutable;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Training.Tests;

/// <summary>Architectures used across the tests.</summary>
internal static class TestArchitectures
{
    public static Layer Layer(
        int filterHeight = 3, int filterWidth = 3, int filters = 4, int strideHeight = 1, int strideWidth = 1, int pool = 1,
        int actInt = 1, int actFrac = 4, int weightInt = 1, int weightFrac = 4) =>
        new(filterHeight, filterWidth, filters, strideHeight, strideWidth, pool, actInt, actFrac, weightInt, weightFrac);

    public static Architecture Of(params Layer[] layers) => new([.. layers]);

    /// <summary>
    /// A random architecture from broad ranges: 1–8 layers, kernels 1–9, 1–6 filters, strides 1–5, pools 1–5,
    /// 0–6 integer and fraction bits.
    /// </summary>
    public static Architecture Random(Random random)
    {
        var count = random.Next(1, 9);
        var layers = ImmutableArray.CreateBuilder<Layer>(count);
        for (var i = 0; i < count; i++)
        {
            layers.Add(new Layer(
                random.Next(1, 10), random.Next(1, 10), random.Next(1, 7), random.Next(1, 6), random.Next(1, 6), random.Next(1, 6),
                random.Next(0, 7), random.Next(0, 7), random.Next(0, 7), random.Next(0, 7)));
        }

        return new Architecture(layers.MoveToImmutable());
    }
}
