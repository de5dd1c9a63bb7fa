using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PoNasOrleans.Grains.Telemetry;
using PoNasOrleans.Silo.Api;
using PoNasOrleans.Telemetry;

namespace PoNasOrleans.Silo.Configuration;

/// <summary>
/// The silo's OpenTelemetry (docs/telemetry.md): resource <c>ponas-silo</c>, Orleans' sources and meter, the pool's
/// meter, and ASP.NET Core's requests (without the health probes, which would drown the API's spans).
/// </summary>
public static class SiloTelemetry
{
    /// <summary>The silo's <c>service.name</c>.</summary>
    public const string ServiceName = "ponas-silo";

    /// <summary>Adds the silo's telemetry with the exporters <paramref name="options"/> switches on (none: nothing is added).</summary>
    public static bool AddSiloTelemetry(this IServiceCollection services, TelemetryOptions options, PoolClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var service = new TelemetryService(ServiceName, TelemetryService.VersionOf(typeof(PoolApi).Assembly), $"{cluster.AdvertisedAddress}:{cluster.SiloPort}");
        return services.AddPoNasTelemetry(
            options,
            service,
            tracing => tracing.AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)),
            metrics => metrics.AddMeter(PoolMetrics.MeterName).AddAspNetCoreInstrumentation());
    }
}
