namespace PoNasOrleans.Grains.Tests.Telemetry;

/// <summary>A pool cluster whose gateway client propagates the trace context as the agent's does (<c>AddActivityPropagation</c>).</summary>
public sealed class TelemetryCluster : PoolCluster
{
    protected override void ConfigureClient(IClientBuilder client) => client.AddActivityPropagation();
}

[CollectionDefinition(Name)]
public sealed class SharedTelemetryCluster : ICollectionFixture<TelemetryCluster>
{
    public const string Name = "telemetry cluster";
}
