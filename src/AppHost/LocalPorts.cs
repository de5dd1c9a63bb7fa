using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace PoNasOrleans.AppHost;

/// <summary>
/// The loopback ports (configuration section "Ports"). Not proxied by Aspire (0 or unset: a port free now): the silo's
/// Orleans ports, which agents reach directly (an Orleans gateway is not HTTP), and Azurite's three services. The silo's
/// HTTP API is proxied by Aspire: on <see cref="Api"/> when set, else on a port Aspire picks.
/// </summary>
internal sealed record LocalPorts(int Gateway, int Silo, int Blob, int Queue, int Table, int? Api)
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ports";

    /// <summary>The configured ports, with a free one for each that is 0 or unset.</summary>
    public static LocalPorts From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        int Port(string key) => int.TryParse(section[key], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : section[key] is { Length: > 0 } text && text != "0"
                ? throw new ArgumentException($"{Section}:{key} must be a port (1–65535) or 0, got '{text}'")
                : FreePort();
        int? api = section[nameof(Api)] is { Length: > 0 } and not "0" ? Port(nameof(Api)) : null;
        return new LocalPorts(Port(nameof(Gateway)), Port(nameof(Silo)), Port(nameof(Blob)), Port(nameof(Queue)), Port(nameof(Table)), api);
    }

    /// <summary>A port free on loopback right now.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
