using System.Collections.Immutable;

namespace PoNasOrleans.Nas.Space;

/// <summary>A candidate child network: a non-empty stack of convolutional layers.</summary>
public sealed class Architecture : IEquatable<Architecture>
{
    /// <summary>Creates an architecture; it needs at least one layer.</summary>
    public Architecture(ImmutableArray<Layer> layers)
    {
        if (layers.IsDefaultOrEmpty)
        {
            throw new ArgumentException("an architecture needs at least one layer", nameof(layers));
        }

        Layers = layers;
    }

    /// <summary>The layers, input side first.</summary>
    public ImmutableArray<Layer> Layers { get; }

    /// <inheritdoc />
    public bool Equals(Architecture? other) =>
        other is not null && Layers.AsSpan().SequenceEqual(other.Layers.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Architecture);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var layer in Layers)
        {
            hash.Add(layer);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Json.ArchitectureJson.Write(this);
}
