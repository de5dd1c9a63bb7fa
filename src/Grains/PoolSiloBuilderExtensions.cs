using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Chain;
using PoNasOrleans.Grains.Consensus;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Interfaces.Supervision;
using PoNasOrleans.Grains.Security;
using PoNasOrleans.Grains.Storage;
using PoNasOrleans.Grains.Supervision;
using PoNasOrleans.Grains.Telemetry;

namespace PoNasOrleans.Grains;

/// <summary>
/// Adds the pool's grains and what they need to a silo: grain storage "pool" in Azure Tables (a row per grain: <see cref="GrainStateRows"/>), the episode and miner
/// tables, the model store, the client call gate, the pool's metrics and recent refusals, and trace propagation
/// through grain calls (docs/telemetry.md); with an enabled devnet, also the devnet's chain client and its
/// start at silo start-up (the silo needs a reminder service for it).
/// </summary>
public static class PoolSiloBuilderExtensions
{
    /// <summary>
    /// Configures a silo to host the pool's grains on the given storage account. An enabled <paramref name="devnet"/>
    /// and the <paramref name="consensus"/> and <paramref name="supervisor"/> options must have no problems (else <see cref="ArgumentException"/>);
    /// following a chain (<see cref="ConsensusOptions.Follow"/>) needs a chain client (the devnet's, or one registered by the host).
    /// </summary>
    public static ISiloBuilder AddPool(this ISiloBuilder silo, TableServiceClient tables, BlobServiceClient blobs, Action<PoolOptions>? configure = null, DevnetOptions? devnet = null, ConsensusOptions? consensus = null, SupervisorOptions? supervisor = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        devnet ??= new DevnetOptions();
        if (devnet.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"the devnet's options cannot be used: {string.Join("; ", problems)}", nameof(devnet));
        }

        supervisor ??= new SupervisorOptions();
        if (supervisor.Problems() is { Count: > 0 } supervisorProblems)
        {
            throw new ArgumentException($"the supervisor's options cannot be used: {string.Join("; ", supervisorProblems)}", nameof(supervisor));
        }

        consensus ??= new ConsensusOptions();
        if (consensus.Problems() is { Count: > 0 } consensusProblems)
        {
            throw new ArgumentException($"the consensus options cannot be used: {string.Join("; ", consensusProblems)}", nameof(consensus));
        }

        silo.AddAzureTableGrainStorage(GrainStateRows.TableStorage, options => options.TableServiceClient = tables);
        silo.Services.AddKeyedSingleton<IGrainStorage>("pool", (services, _) => new GrainStateRows(services.GetRequiredKeyedService<IGrainStorage>(GrainStateRows.TableStorage)));

        // before the gate, so that a refused client call is a span of the caller's trace too
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<ClientCallGate>();
        silo.Services.AddMetrics();
        silo.Services.AddSingleton<PoolMetrics>();
        silo.Services.AddSingleton<RecentRefusals>();
        silo.Services.AddSingleton(tables);
        silo.Services.AddSingleton(blobs);
        silo.Services.AddSingleton<EpisodeTable>();
        silo.Services.AddSingleton<MinerDirectory>();
        silo.Services.AddSingleton<ModelStore>();
        silo.Services.AddSingleton<RewardLedger>();
        silo.Services.AddSingleton(Options.Create(consensus));
        var options = silo.Services.AddOptions<PoolOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        silo.Services.AddSingleton(Options.Create(devnet));
        if (devnet.Enabled)
        {
            silo.Services.AddSingleton<IChainClient, DevnetChainClient>();
            silo.AddStartupTask(async (services, cancellationToken) =>
            {
                var schedule = await Task.Run(devnet.Schedule, cancellationToken);
                await services.GetRequiredService<IGrainFactory>().GetGrain<IDevnetGrain>(IDevnetGrain.Key).Start(schedule);
            });
        }

        if (supervisor.Enabled)
        {
            silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<ISupervisorGrain>(ISupervisorGrain.Key).Start(supervisor.Period));
        }

        if (consensus.Follow)
        {
            silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IPoolGrain>(IPoolGrain.Key).Follow());
        }

        return silo;
    }
}
