namespace PoNasOrleans.Grains.Supervision;

/// <summary>Whether and how often the supervisor ticks (configuration section "Supervisor"; docs/supervisor.md).</summary>
public sealed class SupervisorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Supervisor";

    /// <summary>Whether the silo starts the supervisor at start-up.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often it ticks (at most one minute: its reminder's period).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What is wrong with the options (empty when they can be used).</summary>
    public IReadOnlyList<string> Problems() =>
        Period <= TimeSpan.Zero || Period > TimeSpan.FromMinutes(1) ? ["Supervisor:Period must be in (0, 00:01:00]"] : [];
}
