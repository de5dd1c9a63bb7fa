using System.Net;

namespace PoNasOrleans.Silo.Configuration;

/// <summary>The Orleans cluster this silo joins (configuration section <c>Cluster</c>, environment <c>PONAS__CLUSTER__…</c>).</summary>
public sealed class PoolClusterOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Cluster";

    /// <summary>Cluster id: silos with the same id and service form one cluster.</summary>
    public string ClusterId { get; set; } = "ponas-dev";

    /// <summary>Service id: stable across deployments (grain state is keyed by it).</summary>
    public string ServiceId { get; set; } = "ponas";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port the miners' Orleans clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (loopback for a single development silo).</summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>The problems of this configuration, each naming its key; empty when it can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            problems.Add($"{Section}:ClusterId is empty");
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            problems.Add($"{Section}:ServiceId is empty");
        }

        foreach (var (key, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                problems.Add($"{Section}:{key} must be a port between 1 and 65535, got {port}");
            }
        }

        if (SiloPort == GatewayPort)
        {
            problems.Add($"{Section}:SiloPort and {Section}:GatewayPort must differ (both {SiloPort})");
        }

        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            problems.Add($"{Section}:AdvertisedAddress must be an IP address, got '{AdvertisedAddress}'");
        }

        return problems;
    }
}
