namespace PoNasOrleans.Chain;

/// <summary>
/// What a participant (the pool, a solo miner) needs of a Proof-of-Deep-Learning chain. The devnet implements it
/// over <see cref="HeightLedger"/>; a real chain client implements it over the chain's own protocol. The chain's
/// clock decides every phase. Refusals throw <see cref="ChainRefusedException"/> and record nothing.
/// </summary>
public interface IChainClient
{
    /// <summary>The task of the newest published height, or null before the first.</summary>
    Task<ChainTask?> CurrentTask(CancellationToken cancellationToken = default);

    /// <summary>The task published at a height, or null when none is (yet).</summary>
    Task<ChainTask?> TaskAt(long height, CancellationToken cancellationToken = default);

    /// <summary>Commits <paramref name="commitment"/> (<see cref="Commitment.Of"/>) for <paramref name="participant"/> at a height, in its training phase.</summary>
    Task<CommitmentRecord> Commit(long height, string participant, string commitment, CancellationToken cancellationToken = default);

    /// <summary>Reveals a commitment in its height's validation phase, with the model's bytes; returns the claim to be judged.</summary>
    Task<Claim> Reveal(Reveal reveal, ReadOnlyMemory<byte> modelBytes, CancellationToken cancellationToken = default);

    /// <summary>The test split of a height once released (from its training deadline), else null.</summary>
    Task<DatasetRef?> TestSplit(long height, CancellationToken cancellationToken = default);

    /// <summary>How a height ended, or null while it is undecided (or unknown).</summary>
    Task<HeightOutcome?> Outcome(long height, CancellationToken cancellationToken = default);
}
