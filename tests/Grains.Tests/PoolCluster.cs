using Orleans.TestingHost;

namespace PoNasOrleans.Grains.Tests;

/// <summary>One in-process Orleans cluster with the pool's grain storage in memory, shared by the grain tests.</summary>
public sealed class PoolCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage("pool"));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedPoolCluster : ICollectionFixture<PoolCluster>
{
    public const string Name = "pool cluster";
}
