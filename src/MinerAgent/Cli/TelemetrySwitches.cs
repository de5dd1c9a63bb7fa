using System.CommandLine;
using PoNasOrleans.Telemetry;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// The telemetry options of the commands that join the pool (<c>mine</c>, <c>validate</c>; docs/telemetry.md): OTLP
/// from <c>--otlp-endpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, Azure Monitor from
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, the console from <c>--telemetry-console</c> or
/// <c>PONAS_TELEMETRY_CONSOLE=true</c>; all off by default.
/// </summary>
internal sealed class TelemetrySwitches
{
    /// <summary>The environment variable that switches the console exporter on.</summary>
    public const string ConsoleVariable = "PONAS_TELEMETRY_CONSOLE";

    private readonly Option<string?> otlpEndpoint = new("--otlp-endpoint")
    {
        Description = $"send traces and metrics over OTLP to this URL, e.g. http://localhost:4317 (default: ${TelemetryOptions.OtlpEndpointVariable}; Azure Monitor: ${TelemetryOptions.AzureMonitorVariable})",
    };

    private readonly Option<bool> console = new("--telemetry-console") { Description = $"write spans and metrics to standard output (default: ${ConsoleVariable})" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(otlpEndpoint);
        command.Options.Add(console);
    }

    /// <summary>The telemetry settings of a parsed command line and the environment; <see cref="ArgumentException"/> naming a bad one.</summary>
    public TelemetryOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var options = new TelemetryOptions
        {
            OtlpEndpoint = parse.GetValue(otlpEndpoint),
            Console = parse.GetValue(console) || Environment.GetEnvironmentVariable(ConsoleVariable) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase)),
        }.WithStandardVariables(Environment.GetEnvironmentVariable);
        return options.Problems() is { Count: > 0 } problems
            ? throw new ArgumentException(string.Join("; ", problems.Select(p => p.Replace($"{TelemetryOptions.Section}:OtlpEndpoint", "--otlp-endpoint", StringComparison.Ordinal))))
            : options;
    }
}
