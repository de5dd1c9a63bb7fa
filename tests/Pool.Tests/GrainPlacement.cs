using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Pool.Tests;

/// <summary>
/// Where the pool's grains are active: Orleans' management grain asked by an Orleans client of the test through a
/// silo's gateway. The silos must let clients call it (<c>PONAS__POOL__ALLOWCLIENTMANAGEMENT=true</c>, test clusters only).
/// </summary>
internal static class GrainPlacement
{
    /// <summary>The pool's grain types (grain id types) followed: the pool, blocks, subspaces and miners.</summary>
    private static readonly string[] PoolGrainTypes = ["pool", "block", "subspace", "miner"];

    /// <summary>Every activation of the pool's grains: its grain id (e.g. <c>miner/alpha</c>) and the silo hosting it.</summary>
    public static async Task<IReadOnlyList<(string Grain, SiloProcess Silo)>> Activations(PoolFleet fleet, SiloProcess through)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, through.GatewayPort));
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = fleet.ClusterId;
                options.ServiceId = "ponas";
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var statistics = await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            return [.. statistics
                .Where(s => PoolGrainTypes.Contains(s.GrainId.Type.ToString()))
                .Select(s => (Grain: s.GrainId.ToString(), Silo: fleet.Silos.Single(silo => silo.SiloPort == s.SiloAddress.Endpoint.Port)))
                .OrderBy(a => a.Grain, StringComparer.Ordinal)];
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The activations as text, one silo per line (for the test output).</summary>
    public static string Describe(IEnumerable<(string Grain, SiloProcess Silo)> activations) => string.Join('\n',
        activations.GroupBy(a => a.Silo.SiloPort).Select(silo => $"silo :{silo.Key}: {string.Join(", ", silo.Select(a => a.Grain))}"));
}
