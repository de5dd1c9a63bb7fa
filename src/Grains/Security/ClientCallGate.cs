using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.Grains.Security;

/// <summary>
/// Agents are untrusted clients on the internet: through the gateway they may call only the credential-checked
/// methods of their miner grain (validators too: the devnet's claims reach them only through it). Every other call
/// from a client to a pool grain (blocks, subspaces, the pool, registration, another miner's description, the devnet
/// chain's grains) or to Orleans' management grain is refused before it reaches the grain. Calls made inside the
/// silo (grains, the operator's API) pass. Test clusters, whose harness manages the cluster through its client, set
/// <see cref="PoolOptions.AllowClientManagement"/>.
/// </summary>
public sealed class ClientCallGate(IOptions<PoolOptions> options, ISiloStatusOracle silos) : IIncomingGrainCallFilter
{
    private const string HostedPrefix = "hosted-";

    private static readonly FrozenSet<string> MinerMethods = FrozenSet.Create(
        nameof(IMinerGrain.Heartbeat), nameof(IMinerGrain.Calibrate), nameof(IMinerGrain.PullWork), nameof(IMinerGrain.Report), nameof(IMinerGrain.Leave),
        nameof(IMinerGrain.PullClaim), nameof(IMinerGrain.SubmitMeasurement), nameof(IMinerGrain.ReportTestAccuracies));

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.SourceId is { } source && source.IsClient() && !IsSiloHosted(source) && !Allowed(context))
        {
            throw new UnauthorizedAccessException($"agents may call only {nameof(IMinerGrain)}.{{{string.Join(", ", MinerMethods)}}} through the gateway, not {context.InterfaceName}.{context.MethodName}");
        }

        return context.Invoke();
    }

    /// <summary>Whether a client is the one a silo of this cluster hosts for its own code (the operator's API): "hosted-{silo address}".</summary>
    private bool IsSiloHosted(GrainId client)
    {
        var key = client.Key.ToString();
        if (!key.StartsWith(HostedPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return silos.GetApproximateSiloStatus(SiloAddress.FromParsableString(key[HostedPrefix.Length..])) == SiloStatus.Active;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private bool Allowed(IIncomingGrainCallContext context)
    {
        var declaringType = context.InterfaceMethod?.DeclaringType;
        if (declaringType == typeof(IManagementGrain))
        {
            return options.Value.AllowClientManagement;
        }

        return declaringType?.Assembly != typeof(IMinerGrain).Assembly
            || (declaringType == typeof(IMinerGrain) && MinerMethods.Contains(context.InterfaceMethod!.Name));
    }
}
