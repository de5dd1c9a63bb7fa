using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace PoNasOrleans.Grains.Tests.Supervision;

/// <summary>A cluster whose miners are gone after 3 × 500 ms without a heartbeat, so that promotion is testable in a second.</summary>
public sealed class FastHeartbeatCluster : PoolCluster
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);

    protected override ISiloBuilder Configure(ISiloBuilder silo, string connection) =>
        silo.AddPool(new TableServiceClient(connection), new BlobServiceClient(connection), options =>
        {
            options.AllowClientManagement = true;
            options.HeartbeatInterval = HeartbeatInterval;
        });
}
