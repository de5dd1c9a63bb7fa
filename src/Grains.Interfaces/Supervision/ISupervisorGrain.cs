using System.Collections.Immutable;
using Orleans.Concurrency;

namespace PoNasOrleans.Grains.Interfaces.Supervision;

/// <summary>
/// The pool's supervisor (key <see cref="Key"/>; consensus-and-pool.md, "Supervisor"): on every tick it groups the
/// current block's miners into high and low by their best rewards, records the high group's standard deviation
/// over episodes, prepares backups (warm standbys) for high-reward subspaces when that deviation rises or their
/// explorers' heartbeats run late, and releases the subspace of an explorer that is gone to its backup (or to the next
/// free strong miner), which continues it from its latest checkpoint. A reminder keeps it alive and starts a grain timer for sub-minute periods; ticks are idempotent.
/// Called by the silo and the operator's API, never by agents.
/// </summary>
[Alias("ponas.ISupervisorGrain")]
public interface ISupervisorGrain : IGrainWithStringKey
{
    /// <summary>The key of the one supervisor of a service.</summary>
    const string Key = "supervisor";

    /// <summary>The most points the series keeps (the oldest are dropped).</summary>
    const int SeriesLength = 2000;

    /// <summary>Starts supervising with ticks every <paramref name="period"/> (idempotent; a new period replaces the old).</summary>
    [Alias("Start")]
    Task<SupervisorSummary> Start(TimeSpan period);

    /// <summary>One tick: releases gone explorers' subspaces; a new point when the block or its episode count changed since the last.</summary>
    [Alias("Advance")]
    Task<SupervisorSummary> Advance();

    /// <summary>Records promotions made outside a tick (a miner that left explicitly); one-way, so a leaving miner never waits on a tick.</summary>
    [Alias("Record"), OneWay]
    Task Record(ImmutableArray<Promotion> promotions);

    /// <summary>The groups and the series.</summary>
    [Alias("Describe"), AlwaysInterleave]
    Task<SupervisorSummary> Describe();
}
