using PoNasOrleans.Grains.Interfaces.Supervision;

namespace PoNasOrleans.Silo.Api;

/// <summary>The supervisor's read-only view (docs/api.md): the high and low reward groups and the deviation series.</summary>
public static class SupervisorApi
{
    /// <summary>Maps GET /api/supervisor.</summary>
    public static void MapSupervisorApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/supervisor", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<ISupervisorGrain>(ISupervisorGrain.Key).Describe()));
}
