using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Grains.Tests;

/// <summary>
/// One in-process Orleans cluster with the pool's grains on a real Azurite (grain state, episode and miner tables,
/// blobs; reminders in memory), shared by the grain tests. <see cref="Agent"/> calls through the gateway as an agent does (and meets the
/// client call gate); <see cref="Operator"/> calls from inside the silo as the operator's API does.
/// </summary>
public class PoolCluster : IAsyncLifetime
{
    private static long nextHeight;

    public Azurite Storage { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Agent => Cluster.Client;

    public IGrainFactory Operator => Cluster.Silos[0].SiloHost.Services.GetRequiredService<IGrainFactory>();

    public BlobServiceClient Blobs => new(Storage.ConnectionString);

    public TableServiceClient Tables => new(Storage.ConnectionString);

    /// <summary>A block height no other test used: blocks open in increasing order.</summary>
    public static long NextHeight() => Interlocked.Increment(ref nextHeight);

    public async Task InitializeAsync()
    {
        Storage = new Azurite();
        var connection = Storage.ConnectionString;
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) => Configure(silo, connection).UseInMemoryReminderService());
        builder.ConfigureClient(ConfigureClient);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The pool on the silo; the shared cluster runs no devnet (its tests start and stop the devnet grain themselves).</summary>
    protected virtual ISiloBuilder Configure(ISiloBuilder silo, string connection) =>
        silo.AddPool(new TableServiceClient(connection), new BlobServiceClient(connection), options => options.AllowClientManagement = true);

    /// <summary>The agents' client (the gateway client); as configured by Orleans' defaults unless a cluster says otherwise.</summary>
    protected virtual void ConfigureClient(IClientBuilder client)
    {
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Storage.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedPoolCluster : ICollectionFixture<PoolCluster>
{
    public const string Name = "pool cluster";
}
