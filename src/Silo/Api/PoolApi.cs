using System.Text.RegularExpressions;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Storage;

namespace PoNasOrleans.Silo.Api;

/// <summary>
/// The pool's JSON API (docs/api.md): read-only views of the current block, its subspaces with best rewards and
/// curves, episodes, miners and the leaderboard; and the operator's writing endpoints behind <see cref="OperatorKey"/>.
/// </summary>
public static partial class PoolApi
{
    private const int MaxPage = 1000;

    /// <summary>Maps the API under /api.</summary>
    public static void MapPoolApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/pool", async (IGrainFactory grains) => Results.Ok(new { currentHeight = await Pool(grains).CurrentHeight() }));
        api.MapGet("/blocks/current", async (IGrainFactory grains) =>
            await Pool(grains).CurrentHeight() is { } height ? await Block(grains, height) : NotFound("no block is open yet"));
        api.MapGet("/blocks/{height:long}", (IGrainFactory grains, long height) => Block(grains, height));
        api.MapGet("/blocks/{height:long}/leaderboard", async (IGrainFactory grains, long height) =>
            await grains.GetGrain<IBlockGrain>(height).Describe() is { } block ? Results.Ok(block.Leaderboard) : NotFound($"block {height} does not exist"));
        api.MapGet("/blocks/{height:long}/subspaces", async (IGrainFactory grains, long height) =>
        {
            if (await grains.GetGrain<IBlockGrain>(height).Describe() is not { } block)
            {
                return NotFound($"block {height} does not exist");
            }

            var subspaces = await Task.WhenAll(block.Subspaces.Select(s => Subspace(grains, height, s.Name).Describe()));
            return Results.Ok(subspaces);
        });
        api.MapGet("/blocks/{height:long}/subspaces/{name}", async (IGrainFactory grains, long height, string name) =>
            !SubspaceName().IsMatch(name) ? BadName(name)
            : await Subspace(grains, height, name).Describe() is { } subspace ? Results.Ok(subspace) : NotFound($"block {height} has no subspace '{name}'"));
        api.MapGet("/blocks/{height:long}/subspaces/{name}/episodes", async (IGrainFactory grains, long height, string name, int? skip, int? take) =>
        {
            if (!SubspaceName().IsMatch(name))
            {
                return BadName(name);
            }

            if (skip is < 0 || take is < 1 or > MaxPage)
            {
                return Results.Problem($"skip must be ≥ 0 and take in 1–{MaxPage}", statusCode: StatusCodes.Status400BadRequest);
            }

            var subspace = Subspace(grains, height, name);
            return await subspace.Describe() is null
                ? NotFound($"block {height} has no subspace '{name}'")
                : Results.Ok(await subspace.Episodes(skip ?? 0, take ?? 100));
        });
        api.MapGet("/miners", async (IGrainFactory grains, MinerDirectory directory, string? after, int? take) =>
        {
            if (take is < 1 or > MaxPage)
            {
                return Results.Problem($"take must lie in 1–{MaxPage}", statusCode: StatusCodes.Status400BadRequest);
            }

            var ids = await directory.List(after, take ?? 100);
            return Results.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<IMinerGrain>(id).Describe())));
        });
        api.MapGet("/miners/{id}", async (IGrainFactory grains, string id) =>
            !MinerIds.IsValid(id) ? BadMinerId(id)
            : await grains.GetGrain<IMinerGrain>(id).Describe() is { Registered: true } miner ? Results.Ok(miner) : NotFound($"miner '{id}' is not registered"));

        api.MapPost("/blocks", async (HttpRequest request, OperatorKey key, IGrainFactory grains, BlockTask task) =>
            key.Refusal(request) ?? await Refused(async () => Results.Ok(await Pool(grains).OpenBlock(task))));
        api.MapPost("/blocks/{height:long}/close", async (HttpRequest request, OperatorKey key, IGrainFactory grains, long height) =>
            key.Refusal(request) ?? await Refused(async () => Results.Ok(await grains.GetGrain<IBlockGrain>(height).Close())));
        api.MapPost("/miners", async (HttpRequest request, OperatorKey key, IGrainFactory grains, MinerRegistration registration) =>
            key.Refusal(request) ?? (!MinerIds.IsValid(registration.MinerId) ? BadMinerId(registration.MinerId) : await Refused(async () =>
            {
                var credential = await grains.GetGrain<IMinerGrain>(registration.MinerId ?? "").Register(new MinerProfile(registration.DisplayName, registration.Device));
                return Results.Created($"/api/miners/{credential.MinerId}", new { minerId = credential.MinerId, credential = credential.Secret });
            })));
    }

    private static IPoolGrain Pool(IGrainFactory grains) => grains.GetGrain<IPoolGrain>(IPoolGrain.Key);

    private static ISubspaceGrain Subspace(IGrainFactory grains, long height, string name) => grains.GetGrain<ISubspaceGrain>($"{height}/{name}");

    private static async Task<IResult> Block(IGrainFactory grains, long height) =>
        await grains.GetGrain<IBlockGrain>(height).Describe() is { } block ? Results.Ok(block) : NotFound($"block {height} does not exist");

    private static async Task<IResult> Refused(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is ArgumentException or MinerRefusedException)
        {
            return Results.Problem(e.Message, statusCode: e is MinerRefusedException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        }
    }

    private static IResult BadMinerId(string? id) =>
        Results.Problem($"'{id}' is not a miner id ({MinerIds.Rule})", statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    private static IResult BadName(string name) => Results.Problem($"'{name}' is not a subspace name (S1, S2, …)", statusCode: StatusCodes.Status400BadRequest);

    [GeneratedRegex("^S[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex SubspaceName();
}
