namespace PoNasOrleans.Chain;

/// <summary>
/// The order in which claims are judged: decreasing claimed accuracy; on a tie the earlier commitment (the chain's
/// clock when it was accepted), then the participant id (ordinal), then the commitment's sequence. A total order,
/// so every node judges the same claims in the same order.
/// </summary>
public sealed class ValidationOrder : IComparer<Claim>
{
    /// <summary>The order.</summary>
    public static ValidationOrder Instance { get; } = new();

    private ValidationOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(Claim? x, Claim? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byAccuracy = y.Reveal.ClaimedAccuracy.CompareTo(x.Reveal.ClaimedAccuracy);
        if (byAccuracy != 0)
        {
            return byAccuracy;
        }

        var byTime = x.Commitment.ReceivedAt.CompareTo(y.Commitment.ReceivedAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var byParticipant = string.CompareOrdinal(x.Commitment.Participant, y.Commitment.Participant);
        return byParticipant != 0 ? byParticipant : x.Commitment.Sequence.CompareTo(y.Commitment.Sequence);
    }
}
