using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace PoNasOrleans.Silo.Configuration;

/// <summary>The storage clients of the pool: tables for grain state, reminders and membership; blobs for models and checkpoints.</summary>
public sealed record PoolStorage(TableServiceClient Tables, BlobServiceClient Blobs)
{
    /// <summary>Clients for validated options: from the connection string, or from the service URIs with <see cref="DefaultAzureCredential"/>.</summary>
    public static PoolStorage From(PoolStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new PoolStorage(new TableServiceClient(options.ConnectionString), new BlobServiceClient(options.ConnectionString));
        }

        var credential = new DefaultAzureCredential();
        return new PoolStorage(new TableServiceClient(options.TableServiceUri, credential), new BlobServiceClient(options.BlobServiceUri, credential));
    }
}
