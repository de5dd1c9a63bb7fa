using System.Reflection;

namespace PoNasOrleans.Telemetry;

/// <summary>
/// Who emits the telemetry: the resource's <c>service.name</c>, <c>service.version</c> and
/// <c>service.instance.id</c>, and further resource attributes (the agent's miner id).
/// </summary>
/// <param name="Name">The service name: <c>ponas-silo</c> or <c>ponas-agent</c>.</param>
/// <param name="Version">The service version (<see cref="VersionOf"/>).</param>
/// <param name="InstanceId">This process among the service's instances.</param>
/// <param name="Attributes">Further resource attributes.</param>
public sealed record TelemetryService(string Name, string Version, string InstanceId, IReadOnlyDictionary<string, object>? Attributes = null)
{
    /// <summary>The assembly's informational version (as the build stamped it), else its version.</summary>
    public static string VersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
    }
}
