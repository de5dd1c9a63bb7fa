namespace PoNasOrleans.Grains.Telemetry;

/// <summary>A refused call or report of a miner, as <c>GET /api/refusals</c> shows it.</summary>
/// <param name="At">When the pool refused it.</param>
/// <param name="MinerId">The miner whose grain refused it.</param>
/// <param name="Reason">A <c>ReportRefusal</c> name for a report, else one of <see cref="RecentRefusals"/>' call reasons.</param>
/// <param name="Detail">The refusal's message (what was wrong), cut to <see cref="RecentRefusals.MaxDetail"/> characters.</param>
public sealed record RecentRefusal(DateTimeOffset At, string MinerId, string Reason, string Detail);
