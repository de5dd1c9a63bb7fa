namespace PoNasOrleans.Nas.Partitioning;

using PoNasOrleans.Nas.Space;

/// <summary>Splits a search space into one subspace per miner.</summary>
public interface IPartitioner
{
    /// <summary>The strategy's name on the command line and in task descriptions.</summary>
    string Name { get; }

    /// <summary>Makes <paramref name="miners"/> subspaces of <paramref name="full"/>, reproducibly for a seed.</summary>
    Partition Split(SearchSpace full, int miners, ulong seed);
}
