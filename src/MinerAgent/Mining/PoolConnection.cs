using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using PoNasOrleans.Telemetry;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// The agent's Orleans client: static gateway endpoints (an agent on the internet cannot read the cluster's
/// membership table), the pool's cluster and service ids, TLS when the gateway has it, and a connection that keeps retrying while the silo restarts.
/// The trace context of the agent's spans travels with its grain calls (activity propagation), and the telemetry the
/// settings switch on is exported (<see cref="AgentTelemetry"/>).
/// </summary>
internal static class PoolConnection
{
    /// <summary>Parses "host:port[,host:port…]"; host names are resolved to their first IPv4 address.</summary>
    public static IReadOnlyList<IPEndPoint> ParseGateways(string pool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pool);
        var endpoints = new List<IPEndPoint>();
        foreach (var part in pool.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || !ushort.TryParse(part.AsSpan(colon + 1), out var port) || port == 0)
            {
                throw new ArgumentException($"--pool: '{part}' is not host:port (e.g. 127.0.0.1:30000)");
            }

            var host = part[..colon];
            var address = IPAddress.TryParse(host, out var ip)
                ? ip
                : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                  ?? throw new ArgumentException($"--pool: host '{host}' has no IPv4 address");
            endpoints.Add(new IPEndPoint(address, port));
        }

        return endpoints.Count > 0 ? endpoints : throw new ArgumentException("--pool: no gateway given");
    }

    /// <summary>A client host for miner <paramref name="minerId"/>, not started; with <paramref name="telemetry"/>'s exporters when any is on.</summary>
    public static IHost Create(PoolAddress pool, TextWriter log, string minerId, TelemetryOptions? telemetry = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        AgentTelemetry.Register(builder, telemetry ?? new TelemetryOptions(), minerId);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. pool.Gateways]);
            if (pool.Tls is { } tls)
            {
                client.UseTls(options => tls.Apply(options, log));
            }

            client.AddActivityPropagation();
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = pool.ClusterId;
                options.ServiceId = pool.ServiceId;
            });
            client.UseConnectionRetryFilter(async (error, cancellation) =>
            {
                log.WriteLine($"pool not reachable ({error.GetType().Name}: {error.Message}); retrying in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
                return true;
            });
        });
        return builder.Build();
    }
}
