using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PoNasOrleans.AppHost;

/// <summary>
/// Azurite (the repository's pinned npm package, installed by <c>npm ci</c>) as an executable resource: blob, queue and
/// table services on loopback ports, data in memory only (a fresh pool every run), healthy once blob and table accept
/// connections. The same flags as the demo's (src/LocalPool/Azurite.cs).
/// </summary>
internal static class Azurite
{
    /// <summary>Azurite's well-known development account key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Adds Azurite from <c>node_modules</c> under <paramref name="repositoryRoot"/>; fails with what to do when it is not installed.</summary>
    public static IResourceBuilder<ExecutableResource> AddAzurite(this IDistributedApplicationBuilder builder, string name, string repositoryRoot, LocalPorts ports)
    {
        var executable = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"Azurite is not installed: run 'npm ci' in {repositoryRoot} first (the app host downloads nothing)", executable);
        }

        var healthCheck = $"{name}-listening";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, new Listening(ports.Blob, ports.Table));
        return builder.AddExecutable(name, executable, repositoryRoot,
                "--blobHost", "127.0.0.1", "--blobPort", Text(ports.Blob),
                "--queueHost", "127.0.0.1", "--queuePort", Text(ports.Queue),
                "--tableHost", "127.0.0.1", "--tablePort", Text(ports.Table),
                "--skipApiVersionCheck", "--silent", "--inMemoryPersistence")
            .WithEndpoint(name: "blob", scheme: "http", port: ports.Blob, targetPort: ports.Blob, isProxied: false)
            .WithEndpoint(name: "queue", scheme: "http", port: ports.Queue, targetPort: ports.Queue, isProxied: false)
            .WithEndpoint(name: "table", scheme: "http", port: ports.Table, targetPort: ports.Table, isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    /// <summary>The development connection string of the Azurite on these ports.</summary>
    public static string ConnectionString(LocalPorts ports) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Text(ports.Blob)}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{Text(ports.Table)}/devstoreaccount1;";

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Healthy when every port accepts a TCP connection on loopback.</summary>
    private sealed class Listening(params int[] ports) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            foreach (var port in ports)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                }
                catch (SocketException)
                {
                    // no exception in the result: the health check service would log its stack trace at every try while Azurite starts
                    return HealthCheckResult.Unhealthy($"nothing listens on 127.0.0.1:{Text(port)} yet");
                }
            }

            return HealthCheckResult.Healthy();
        }
    }
}
