namespace PoNasOrleans.Telemetry;

/// <summary>
/// Which exporters the process's OpenTelemetry sends to (configuration section <c>Telemetry</c>; docs/telemetry.md).
/// Each exporter is off unless its setting is there: OTLP with an endpoint, Azure Monitor with a connection string,
/// the console when asked. The standard environment variables stand in for unset keys
/// (<see cref="WithStandardVariables"/>).
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Telemetry";

    /// <summary>The OpenTelemetry SDK's variable for the OTLP endpoint.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The OpenTelemetry SDK's variable for the OTLP protocol (<c>grpc</c> or <c>http/protobuf</c>).</summary>
    public const string OtlpProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Azure Monitor's (Application Insights') variable for the connection string.</summary>
    public const string AzureMonitorVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>OTLP's gRPC protocol (the default; the Aspire dashboard's port 4317 speaks it).</summary>
    public const string Grpc = "grpc";

    /// <summary>OTLP over HTTP with protobuf bodies (port 4318 by convention).</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>Base URL of an OTLP receiver (collector, Aspire dashboard), e.g. <c>http://localhost:4317</c>; unset: no OTLP.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><see cref="Grpc"/> (default) or <see cref="HttpProtobuf"/>.</summary>
    public string? OtlpProtocol { get; set; }

    /// <summary>An Application Insights connection string; unset: no Azure Monitor.</summary>
    public string? AzureMonitorConnectionString { get; set; }

    /// <summary>Write spans and metrics to standard output (off by default, so test output stays quiet).</summary>
    public bool Console { get; set; }

    /// <summary>Whether any exporter is on (without one, no OpenTelemetry provider is built at all).</summary>
    public bool Exports => !string.IsNullOrWhiteSpace(OtlpEndpoint) || !string.IsNullOrWhiteSpace(AzureMonitorConnectionString) || Console;

    /// <summary>
    /// Fills the unset OTLP endpoint, OTLP protocol and Azure Monitor connection string from
    /// <see cref="OtlpEndpointVariable"/>, <see cref="OtlpProtocolVariable"/> and <see cref="AzureMonitorVariable"/>
    /// as <paramref name="variable"/> reads them (environment variables, or configuration keys of those names).
    /// </summary>
    public TelemetryOptions WithStandardVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        OtlpEndpoint = NullIfEmpty(OtlpEndpoint) ?? NullIfEmpty(variable(OtlpEndpointVariable));
        OtlpProtocol = NullIfEmpty(OtlpProtocol) ?? NullIfEmpty(variable(OtlpProtocolVariable));
        AzureMonitorConnectionString = NullIfEmpty(AzureMonitorConnectionString) ?? NullIfEmpty(variable(AzureMonitorVariable));
        return this;
    }

    /// <summary>The problems of these settings, each naming its key; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
        {
            problems.Add($"{Section}:OtlpEndpoint (or {OtlpEndpointVariable}) must be an absolute http or https URL, got '{OtlpEndpoint}'");
        }

        if (OtlpProtocol is not (null or Grpc or HttpProtobuf))
        {
            problems.Add($"{Section}:OtlpProtocol (or {OtlpProtocolVariable}) must be '{Grpc}' or '{HttpProtobuf}', got '{OtlpProtocol}'");
        }

        if (!string.IsNullOrWhiteSpace(AzureMonitorConnectionString) && !AzureMonitorConnectionString.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{Section}:AzureMonitorConnectionString (or {AzureMonitorVariable}) must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)");
        }

        return problems;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
