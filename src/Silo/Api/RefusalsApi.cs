using PoNasOrleans.Grains.Telemetry;

namespace PoNasOrleans.Silo.Api;

/// <summary>
/// The recent refusals of miners' calls and reports on this silo, newest first (docs/api.md): read-only, from memory
/// since the silo started (<see cref="RecentRefusals"/>).
/// </summary>
public static class RefusalsApi
{
    private const int DefaultTake = 50;

    /// <summary>Maps GET /api/refusals?take=N (1–<see cref="RecentRefusals.Capacity"/>, default 50).</summary>
    public static void MapRefusalsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/refusals", (RecentRefusals refusals, int? take) =>
            take is < 1 or > RecentRefusals.Capacity
                ? Results.Problem($"take must be 1–{RecentRefusals.Capacity}, got {take}", statusCode: StatusCodes.Status400BadRequest)
                : Results.Ok(refusals.Newest(take ?? DefaultTake)));
}
