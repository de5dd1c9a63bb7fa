using System.Collections.Immutable;
using PoNasOrleans.Nas.Randomness;

namespace PoNasOrleans.Nas.Space;

/// <summary>Draws architectures uniformly from a space (every layer's values independently and uniformly).</summary>
public static class SpaceSampler
{
    /// <summary>One uniformly random layer of the space.</summary>
    public static Layer SampleLayer(this SearchSpace space, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(random);
        Span<int> values = stackalloc int[Hyperparameters.Count];
        foreach (var hyperparameter in Hyperparameters.All)
        {
            var set = space[hyperparameter];
            values[(int)hyperparameter] = set[random.NextInt(set.Length)];
        }

        return Layer.FromValues(values);
    }

    /// <summary>One uniformly random architecture of <paramref name="layers"/> layers.</summary>
    public static Architecture SampleArchitecture(this SearchSpace space, int layers, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        var builder = ImmutableArray.CreateBuilder<Layer>(layers);
        for (var i = 0; i < layers; i++)
        {
            builder.Add(space.SampleLayer(random));
        }

        return new Architecture(builder.MoveToImmutable());
    }
}
