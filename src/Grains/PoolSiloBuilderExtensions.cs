using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using PoNasOrleans.Grains.Security;
using PoNasOrleans.Grains.Storage;

namespace PoNasOrleans.Grains;

/// <summary>Adds the pool's grains and what they need to a silo: grain storage "pool" in Azure Tables, the episode and miner tables, the model store, and the client call gate.</summary>
public static class PoolSiloBuilderExtensions
{
    /// <summary>Configures a silo to host the pool's grains on the given storage account.</summary>
    public static ISiloBuilder AddPool(this ISiloBuilder silo, TableServiceClient tables, BlobServiceClient blobs, Action<PoolOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddAzureTableGrainStorage("pool", options => options.TableServiceClient = tables);
        silo.AddIncomingGrainCallFilter<ClientCallGate>();
        silo.Services.AddSingleton(tables);
        silo.Services.AddSingleton(blobs);
        silo.Services.AddSingleton<EpisodeTable>();
        silo.Services.AddSingleton<MinerDirectory>();
        silo.Services.AddSingleton<ModelStore>();
        var options = silo.Services.AddOptions<PoolOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return silo;
    }
}
