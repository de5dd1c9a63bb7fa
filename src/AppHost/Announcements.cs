using Microsoft.Extensions.Logging;

namespace PoNasOrleans.AppHost;

/// <summary>What the app host tells the developer on its console besides Aspire's own lines.</summary>
internal static partial class Announcements
{
    [LoggerMessage(Level = LogLevel.Information, Message = "pool API: {Api}api/blocks/current (also /api/miners, /api/chain, /api/ledger/blocks); Orleans gateway {Gateway}; {Miners} miners registered")]
    public static partial void PoolReady(ILogger log, Uri api, string gateway, int miners);
}
