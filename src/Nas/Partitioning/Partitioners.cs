using System.Collections.Immutable;

namespace PoNasOrleans.Nas.Partitioning;

/// <summary>The partitioning strategies by name.</summary>
public static class Partitioners
{
    private static readonly ImmutableArray<IPartitioner> All = [new Algorithm1Partitioner(), new BalancedPartitioner()];

    /// <summary>The known strategy names.</summary>
    public static ImmutableArray<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The strategy of a name; throws naming the known strategies when unknown.</summary>
    public static IPartitioner Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"unknown partition strategy '{name}' (known: {string.Join(", ", Names)})", nameof(name));
}
