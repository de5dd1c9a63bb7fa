using System.Collections.Immutable;

namespace PoNasOrleans.Grains.Interfaces.Blocks;

/// <summary>How a block hands out work (<see cref="BlockTask.Assignment"/>; docs/grains.md, "Assignment strategies").</summary>
public static class AssignmentStrategy
{
    /// <summary>
    /// The paper's collaboration strategy (the default): strong miners explore, weak miners (and strong ones with
    /// nothing left to explore) exploit the block's confirmed architectures.
    /// </summary>
    public const string ExploreExploit = "explore-exploit";

    /// <summary>
    /// The naive assignment the paper compares its strategy against, and the setting of its subspace runs: every
    /// miner, whatever its strength, explores the first free subspace it is given in the block to the end of its
    /// budget; one subspace per miner and block, nobody exploits, a miner whose subspace is spent waits.
    /// </summary>
    public const string ExploreOnly = "explore-only";

    /// <summary>The known strategy names.</summary>
    public static ImmutableArray<string> Names { get; } = [ExploreExploit, ExploreOnly];
}
