using System.Net;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>Where and how an agent reaches the pool: its gateways, the cluster and service ids, and TLS when the gateway has it.</summary>
/// <param name="Gateways">The silos' gateway endpoints.</param>
/// <param name="ClusterId">The pool's Orleans cluster id.</param>
/// <param name="ServiceId">The pool's Orleans service id.</param>
/// <param name="Tls">TLS to the gateway, or null for a plain connection (development).</param>
internal sealed record PoolAddress(IReadOnlyList<IPEndPoint> Gateways, string ClusterId, string ServiceId, GatewayTls? Tls)
{
    public override string ToString() => $"{string.Join(", ", Gateways)}{(Tls is null ? "" : $" (TLS for {Tls.TargetHost}{(Tls.Thumbprint is null ? "" : ", pinned certificate")})")}";
}
