using System.CommandLine;
using PoNasOrleans.MinerAgent.Mining;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// The options of the commands that join the pool through its gateway (<c>mine</c>, <c>validate</c>): the gateways,
/// the cluster and service ids, and TLS (<c>--tls</c> with the machine's trust, or <c>--tls-thumbprint</c> pinning the
/// silo's certificate; docs/cli.md).
/// </summary>
internal sealed class PoolSwitches
{
    private readonly Option<string> pool = new("--pool") { Description = "the pool's gateway(s): host:port[,host:port…]", Required = true };
    private readonly Option<string> clusterId = new("--cluster-id") { Description = "the pool's Orleans cluster id", DefaultValueFactory = _ => "ponas-dev" };
    private readonly Option<string> serviceId = new("--service-id") { Description = "the pool's Orleans service id", DefaultValueFactory = _ => "ponas" };
    private readonly Option<bool> tls = new("--tls") { Description = "connect with TLS; the silo's certificate must be trusted by this machine for the gateway's host name" };
    private readonly Option<string?> thumbprint = new("--tls-thumbprint") { Description = "connect with TLS and accept only the silo certificate with this SHA-256 hash (64 hex digits; for a self-signed certificate)" };
    private readonly Option<string?> host = new("--tls-host") { Description = "the host name the silo's certificate is issued for (default: the first gateway's host in --pool)" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { pool, clusterId, serviceId, tls, thumbprint, host })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The pool's address from a parsed command line; <see cref="ArgumentException"/> naming a bad option.</summary>
    public PoolAddress Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var text = parse.GetRequiredValue(pool);
        var gateways = PoolConnection.ParseGateways(text);
        var pinned = parse.GetValue(thumbprint) is { } value ? GatewayTls.ParseThumbprint(value) : null;
        var name = parse.GetValue(host);
        if (name is not null && !parse.GetValue(tls) && pinned is null)
        {
            throw new ArgumentException("--tls-host needs --tls or --tls-thumbprint");
        }

        var first = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var secure = parse.GetValue(tls) || pinned is not null ? new GatewayTls(name ?? first[..first.LastIndexOf(':')], pinned) : null;
        return new PoolAddress(gateways, parse.GetRequiredValue(clusterId), parse.GetRequiredValue(serviceId), secure);
    }
}
