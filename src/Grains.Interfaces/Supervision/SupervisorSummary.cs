using System.Collections.Immutable;

namespace PoNasOrleans.Grains.Interfaces.Supervision;

/// <summary>What the supervisor saw at its last tick.</summary>
/// <param name="Height">The block it watched, or null before the first.</param>
/// <param name="High">The high-reward group, best first.</param>
/// <param name="Low">The low-reward group, best first.</param>
/// <param name="Deviation">The high group's standard deviation.</param>
/// <param name="Series">The deviation over episodes, oldest first (at most <see cref="ISupervisorGrain.SeriesLength"/> points).</param>
/// <param name="Promotions">Subspaces taken from explorers that left or were gone, oldest first (at most <see cref="ISupervisorGrain.SeriesLength"/>).</param>
/// <param name="Backups">Backups prepared, oldest first (at most <see cref="ISupervisorGrain.SeriesLength"/>).</param>
[GenerateSerializer, Immutable, Alias("ponas.SupervisorSummary")]
public sealed record SupervisorSummary(
    [property: Id(0)] long? Height,
    [property: Id(1)] ImmutableArray<MinerBest> High,
    [property: Id(2)] ImmutableArray<MinerBest> Low,
    [property: Id(3)] double Deviation,
    [property: Id(4)] ImmutableArray<DeviationPoint> Series,
    [property: Id(5)] ImmutableArray<Promotion> Promotions,
    [property: Id(6)] ImmutableArray<BackupPreparation> Backups);
