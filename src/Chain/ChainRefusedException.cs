namespace PoNasOrleans.Chain;

/// <summary>The chain refused a commitment, a reveal or a judgement: nothing was recorded.</summary>
[GenerateSerializer, Alias("ponas.chain.ChainRefusedException")]
public sealed class ChainRefusedException : Exception
{
    /// <summary>Creates the exception with the reason and a message naming what was wrong.</summary>
    public ChainRefusedException(ChainRefusal reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Creates the exception with a message; the reason is <see cref="ChainRefusal.Malformed"/>.</summary>
    public ChainRefusedException(string message)
        : base(message) => Reason = ChainRefusal.Malformed;

    /// <summary>Creates the exception with a message and a cause; the reason is <see cref="ChainRefusal.Malformed"/>.</summary>
    public ChainRefusedException(string message, Exception innerException)
        : base(message, innerException) => Reason = ChainRefusal.Malformed;

    /// <summary>Creates the exception with a default message.</summary>
    public ChainRefusedException()
        : this("the chain refused the call")
    {
    }

    /// <summary>Why the call was refused.</summary>
    [Id(0)]
    public ChainRefusal Reason { get; private set; }
}
