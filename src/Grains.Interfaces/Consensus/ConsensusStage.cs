namespace PoNasOrleans.Grains.Interfaces.Consensus;

/// <summary>Where the pool stands in a height's consensus (consensus-and-pool.md, "The pool side").</summary>
public enum ConsensusStage
{
    /// <summary>The training phase runs; nothing is committed yet.</summary>
    Training,

    /// <summary>The best models are chosen and stored; their commitments are being sent.</summary>
    Committing,

    /// <summary>Every commitment was sent (or refused); waiting for the chain to release the test split.</summary>
    Committed,

    /// <summary>The test split is out; a miner measures the committed models on it.</summary>
    Measuring,

    /// <summary>The measured accuracies are stored; the reveals are being sent.</summary>
    Revealing,

    /// <summary>The reveals were sent; waiting for the chain's outcome.</summary>
    Revealed,

    /// <summary>The chain decided the height; when the pool won, its reward is credited.</summary>
    Decided,
}
