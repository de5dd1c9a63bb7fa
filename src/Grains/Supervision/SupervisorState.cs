using PoNasOrleans.Grains.Interfaces.Supervision;

namespace PoNasOrleans.Grains.Supervision;

/// <summary>The supervisor's stored state: its period, the last groups and the bounded deviation series.</summary>
[GenerateSerializer, Alias("ponas.SupervisorState")]
public sealed class SupervisorState
{
    [Id(0)]
    public TimeSpan? Period { get; set; }

    [Id(1)]
    public long? Height { get; set; }

    [Id(2)]
    public List<MinerBest> High { get; set; } = [];

    [Id(3)]
    public List<MinerBest> Low { get; set; } = [];

    [Id(4)]
    public List<DeviationPoint> Series { get; set; } = [];

    [Id(5)]
    public List<Promotion> Promotions { get; set; } = [];

    [Id(6)]
    public List<BackupPreparation> Backups { get; set; } = [];
}
