using System.Collections.Immutable;
using System.Numerics;

namespace PoNasOrleans.Nas.Space;

/// <summary>
/// A (sub)space: for each of the ten hyperparameters a non-empty, strictly increasing set of allowed values.
/// Every layer of an architecture in the space takes its values from these sets.
/// </summary>
public sealed class SearchSpace : IEquatable<SearchSpace>
{
    private readonly ImmutableArray<ImmutableArray<int>> values;

    private SearchSpace(ImmutableArray<ImmutableArray<int>> values) => this.values = values;

    /// <summary>
    /// Creates a space from the values of each hyperparameter, in the paper's order.
    /// Throws <see cref="SpaceFormatException"/> naming the key when a set is empty, unsorted,
    /// repeats a value, has a value no layer can take, or is too large.
    /// </summary>
    public static SearchSpace Create(IReadOnlyList<IReadOnlyList<int>> valuesByHyperparameter)
    {
        ArgumentNullException.ThrowIfNull(valuesByHyperparameter);
        if (valuesByHyperparameter.Count != Hyperparameters.Count)
        {
            throw new SpaceFormatException($"a space needs values for all {Hyperparameters.Count} hyperparameters ({Hyperparameters.KeyList}), got {valuesByHyperparameter.Count}");
        }

        var builder = ImmutableArray.CreateBuilder<ImmutableArray<int>>(Hyperparameters.Count);
        foreach (var hyperparameter in Hyperparameters.All)
        {
            var set = valuesByHyperparameter[(int)hyperparameter];
            Validate(hyperparameter, set);
            builder.Add([.. set]);
        }

        return new SearchSpace(builder.MoveToImmutable());
    }

    /// <summary>Creates a space from a map of hyperparameter to values; every hyperparameter must be present.</summary>
    public static SearchSpace Create(IReadOnlyDictionary<Hyperparameter, IReadOnlyList<int>> valuesByHyperparameter)
    {
        ArgumentNullException.ThrowIfNull(valuesByHyperparameter);
        var missing = Hyperparameters.All.Where(h => !valuesByHyperparameter.ContainsKey(h)).Select(h => h.Key()).ToList();
        if (missing.Count > 0)
        {
            throw new SpaceFormatException($"missing key(s): {string.Join(", ", missing)}");
        }

        return Create(Hyperparameters.All.Select(h => valuesByHyperparameter[h]).ToList());
    }

    /// <summary>The allowed values of one hyperparameter, ascending.</summary>
    public ImmutableArray<int> this[Hyperparameter hyperparameter] => values[(int)hyperparameter];

    /// <summary>How many values one hyperparameter may take.</summary>
    public int Count(Hyperparameter hyperparameter) => values[(int)hyperparameter].Length;

    /// <summary>The range sizes k_i of the ten hyperparameters, in order.</summary>
    public ImmutableArray<int> RangeSizes => [.. values.Select(v => v.Length)];

    /// <summary>Number of distinct layer configurations: the product of the range sizes.</summary>
    public BigInteger LayerConfigurations => values.Aggregate(BigInteger.One, (product, set) => product * set.Length);

    /// <summary>Number of architectures with <paramref name="layers"/> layers: LayerConfigurations^layers.</summary>
    public BigInteger Size(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        return BigInteger.Pow(LayerConfigurations, layers);
    }

    /// <summary>log10 of <see cref="Size"/>, for display without overflow.</summary>
    public double Log10Size(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        return layers * values.Sum(set => Math.Log10(set.Length));
    }

    /// <summary>Whether one layer takes every value from this space.</summary>
    public bool Contains(Layer layer)
    {
        foreach (var hyperparameter in Hyperparameters.All)
        {
            if (values[(int)hyperparameter].BinarySearch(layer[hyperparameter]) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every layer of the architecture lies in this space.</summary>
    public bool Contains(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        foreach (var layer in architecture.Layers)
        {
            if (!Contains(layer))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether each of this space's sets is a subset of the parent's set.</summary>
    public bool IsSubspaceOf(SearchSpace parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return Hyperparameters.All.All(h => values[(int)h].All(v => parent.values[(int)h].BinarySearch(v) >= 0));
    }

    /// <summary>The per-hyperparameter union with another space (the smallest space holding both).</summary>
    public SearchSpace Union(SearchSpace other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new SearchSpace([.. Hyperparameters.All.Select(h => values[(int)h].Union(other.values[(int)h]).Order().ToImmutableArray())]);
    }

    /// <summary>Describes one hyperparameter's values as "{1, 3, 5}".</summary>
    public string Describe(Hyperparameter hyperparameter) => "{" + string.Join(", ", values[(int)hyperparameter]) + "}";

    /// <inheritdoc />
    public bool Equals(SearchSpace? other) =>
        other is not null && Hyperparameters.All.All(h => values[(int)h].AsSpan().SequenceEqual(other.values[(int)h].AsSpan()));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SearchSpace);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var set in values)
        {
            foreach (var value in set)
            {
                hash.Add(value);
            }

            hash.Add(-1);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Json.SpaceJson.Write(this);

    private static void Validate(Hyperparameter hyperparameter, IReadOnlyList<int>? set)
    {
        var key = hyperparameter.Key();
        if (set is null || set.Count == 0)
        {
            throw new SpaceFormatException($"key '{key}': the set of values is empty; a space needs at least one value per hyperparameter");
        }

        if (set.Count > Hyperparameters.MaxValuesPerHyperparameter)
        {
            throw new SpaceFormatException($"key '{key}': {set.Count} values; at most {Hyperparameters.MaxValuesPerHyperparameter} are supported");
        }

        for (var i = 0; i < set.Count; i++)
        {
            if (!hyperparameter.IsAdmissible(set[i]))
            {
                throw new SpaceFormatException($"key '{key}': value {set[i]} is not admissible (allowed {hyperparameter.AdmissibleRange()})");
            }

            if (i > 0 && set[i] <= set[i - 1])
            {
                throw new SpaceFormatException($"key '{key}': values must be strictly increasing, but {set[i]} follows {set[i - 1]}");
            }
        }
    }
}
