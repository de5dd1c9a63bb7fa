namespace PoNasOrleans.Grains.Interfaces.Miners;

/// <summary>A miner's call that the pool refused (unknown miner, wrong credential, stale heartbeat, bad profile); nothing was changed.</summary>
[GenerateSerializer, Alias("ponas.MinerRefusedException")]
public sealed class MinerRefusedException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public MinerRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and a cause.</summary>
    public MinerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MinerRefusedException()
        : base("the pool refused the miner's call")
    {
    }
}
