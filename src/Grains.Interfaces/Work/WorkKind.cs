namespace PoNasOrleans.Grains.Interfaces.Work;

/// <summary>What a pulled work item asks of the miner.</summary>
public enum WorkKind
{
    /// <summary>Run the next controller episode of a subspace.</summary>
    Explore,

    /// <summary>Train a neighbour of a confirmed architecture, longer.</summary>
    Exploit,

    /// <summary>Nothing to do now: pull again after the retry delay.</summary>
    Wait,

    /// <summary>Measure the pool's committed models on the released test split (<see cref="WorkItem.Measure"/>).</summary>
    Measure,
}
