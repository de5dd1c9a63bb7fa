using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace PoNasOrleans.Telemetry;

/// <summary>
/// Registers OpenTelemetry for a PoNasOrleans process (docs/telemetry.md): the service's resource, Orleans' meter and
/// activity sources, what the caller adds (its own sources, meters and instrumentation), and the exporters that
/// <see cref="TelemetryOptions"/> switches on. Nothing is registered when no exporter is on, so a process without
/// telemetry settings creates no spans and aggregates no metrics.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Orleans' meter (grain calls, activations, storage, messaging).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Orleans' activity sources: grain calls of application grains (one span per call on each side, with
    /// <c>AddActivityPropagation</c>), runtime calls, storage operations, and activation lifecycle.
    /// </summary>
    public static IReadOnlyList<string> OrleansActivitySources { get; } =
    [
        ActivitySources.ApplicationGrainActivitySourceName,
        ActivitySources.RuntimeActivitySourceName,
        ActivitySources.StorageActivitySourceName,
        ActivitySources.LifecycleActivitySourceName,
    ];

    /// <summary>
    /// Adds OpenTelemetry tracing and metrics with the exporters <paramref name="options"/> switches on; returns
    /// whether it did (false: no exporter is on, nothing was registered). <paramref name="options"/> must have no
    /// <see cref="TelemetryOptions.Problems"/>.
    /// </summary>
    public static bool AddPoNasTelemetry(
        this IServiceCollection services,
        TelemetryOptions options,
        TelemetryService service,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(service);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"the telemetry settings cannot be used: {string.Join("; ", problems)}", nameof(options));
        }

        if (!options.Exports)
        {
            return false;
        }

        var telemetry = services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the Aspire app host sets them) win over the service's own
            .ConfigureResource(resource => resource
                .AddService(service.Name, serviceVersion: service.Version, serviceInstanceId: service.InstanceId)
                .AddAttributes(service.Attributes ?? new Dictionary<string, object>())
                .AddEnvironmentVariableDetector())
            .WithTracing(builder =>
            {
                builder.AddSource([.. OrleansActivitySources]);
                tracing?.Invoke(builder);
                if (!string.IsNullOrWhiteSpace(options.AzureMonitorConnectionString))
                {
                    builder.AddAzureMonitorTraceExporter(exporter => exporter.ConnectionString = options.AzureMonitorConnectionString);
                }

                if (options.Console)
                {
                    builder.AddConsoleExporter();
                }
            })
            .WithMetrics(builder =>
            {
                builder.AddMeter(OrleansMeter);
                metrics?.Invoke(builder);
                if (!string.IsNullOrWhiteSpace(options.AzureMonitorConnectionString))
                {
                    builder.AddAzureMonitorMetricExporter(exporter => exporter.ConnectionString = options.AzureMonitorConnectionString);
                }

                if (options.Console)
                {
                    builder.AddConsoleExporter();
                }
            });
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            // signal paths (/v1/traces, /v1/metrics) are appended for http/protobuf; headers etc. still come from OTEL_EXPORTER_OTLP_* variables
            telemetry.UseOtlpExporter(options.OtlpProtocol == TelemetryOptions.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, new Uri(options.OtlpEndpoint));
        }

        return true;
    }
}
