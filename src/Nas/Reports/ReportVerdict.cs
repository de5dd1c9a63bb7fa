namespace PoNasOrleans.Nas.Reports;

/// <summary>The outcome of checking a report: accepted, or refused with a reason and a message naming what was wrong.</summary>
public sealed record ReportVerdict(ReportRefusal? Refusal, string Message)
{
    /// <summary>The verdict of a report that passed every check.</summary>
    public static ReportVerdict Accepted { get; } = new(null, "accepted");

    /// <summary>Whether the report passed every check.</summary>
    public bool IsAccepted => Refusal is null;

    /// <summary>A refusal.</summary>
    public static ReportVerdict Refuse(ReportRefusal refusal, string message) => new(refusal, message);
}
