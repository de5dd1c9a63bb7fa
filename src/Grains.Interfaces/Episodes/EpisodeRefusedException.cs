using PoNasOrleans.Nas.Reports;

namespace PoNasOrleans.Grains.Interfaces.Episodes;

/// <summary>An episode report the pool refused: nothing was stored except the count of refusals.</summary>
[GenerateSerializer, Alias("ponas.EpisodeRefusedException")]
public sealed class EpisodeRefusedException : Exception
{
    /// <summary>Creates the exception with the reason and a message naming what was wrong.</summary>
    public EpisodeRefusedException(ReportRefusal reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Creates the exception with a message.</summary>
    public EpisodeRefusedException(string message)
        : base(message) => Reason = ReportRefusal.Malformed;

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EpisodeRefusedException(string message, Exception innerException)
        : base(message, innerException) => Reason = ReportRefusal.Malformed;

    /// <summary>Creates the exception with a default message.</summary>
    public EpisodeRefusedException()
        : this("the pool refused the episode report")
    {
    }

    /// <summary>Why the report was refused.</summary>
    [Id(0)]
    public ReportRefusal Reason { get; private set; }
}
