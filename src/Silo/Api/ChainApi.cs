using PoNasOrleans.Grains.Interfaces.Chain;

namespace PoNasOrleans.Silo.Api;

/// <summary>The devnet chain's read-only JSON API (docs/api.md): the current height and phase, and each height as anyone may see it.</summary>
public static class ChainApi
{
    /// <summary>Maps the API under /api/chain.</summary>
    public static void MapChainApi(this IEndpointRouteBuilder app)
    {
        var chain = app.MapGroup("/api/chain");
        chain.MapGet("", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IDevnetGrain>(IDevnetGrain.Key).Status()));
        chain.MapGet("/heights/{height:long}", async (IGrainFactory grains, long height) =>
            height >= 1 && await grains.GetGrain<IHeightGrain>(height).Describe() is { } view
                ? Results.Ok(view)
                : Results.Problem($"no task is published at height {height}", statusCode: StatusCodes.Status404NotFound));
    }
}
