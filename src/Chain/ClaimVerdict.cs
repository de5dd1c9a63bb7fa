namespace PoNasOrleans.Chain;

/// <summary>What judging one claim decided.</summary>
public enum ClaimVerdict
{
    /// <summary>The measured accuracy equals the claim within the tolerance: the claim wins the height.</summary>
    Confirmed,

    /// <summary>The claim does not hold and is discarded; the next claim is tried.</summary>
    Discarded,
}
