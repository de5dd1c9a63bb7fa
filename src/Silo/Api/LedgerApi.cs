using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Storage;

namespace PoNasOrleans.Silo.Api;

/// <summary>The pool's consensus of each height and the ledger of credited rewards, read-only (docs/api.md).</summary>
public static class LedgerApi
{
    private const int MaxBlocks = 1000;

    /// <summary>Maps /api/blocks/{height}/consensus and /api/ledger.</summary>
    public static void MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        // without a chain client (no devnet in this silo) no consensus grain can activate: the pool took part in nothing
        api.MapGet("/blocks/{height:long}/consensus", async (IGrainFactory grains, IServiceProvider services, long height) =>
            height >= 1 && services.GetService<IChainClient>() is not null && await grains.GetGrain<IConsensusGrain>(height).Describe() is { } consensus
                ? Results.Ok(consensus)
                : Results.Problem($"the pool took no part in the chain's height {height}", statusCode: StatusCodes.Status404NotFound));
        api.MapGet("/ledger/blocks", async (RewardLedger ledger, int? take) =>
            take is < 1 or > MaxBlocks
                ? Results.Problem($"take must be 1–{MaxBlocks}", statusCode: StatusCodes.Status400BadRequest)
                : Results.Ok(await ledger.CreditedBlocks(take ?? 100)));
        api.MapGet("/ledger/miners/{id}", async (RewardLedger ledger, string id) =>
        {
            if (!MinerIds.IsValid(id))
            {
                return Results.Problem($"'{id}' is not a miner id ({MinerIds.Rule})", statusCode: StatusCodes.Status400BadRequest);
            }

            var credits = await ledger.Credits(id);
            return Results.Ok(new { minerId = id, total = credits.Sum(c => c.Amount), credits });
        });
    }
}
