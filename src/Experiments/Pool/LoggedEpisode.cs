using System.Text.Json;

namespace PoNasOrleans.Experiments.Pool;

/// <summary>One episode as the pool's append-only log holds it (<c>GET /api/blocks/{h}/subspaces/{name}/episodes</c>).</summary>
/// <param name="Index">Its place in the subspace's log (acceptance order).</param>
/// <param name="MinerId">The miner that ran it.</param>
/// <param name="Explore">Exploration (the subspace's controller) rather than exploitation.</param>
/// <param name="ControllerEpisodes">An exploration's episode number in its subspace (1, 2, …); 0 for an exploitation.</param>
/// <param name="Reward">Its reward (0 when infeasible).</param>
/// <param name="Feasible">Whether the architecture met the FPGA limits (and was trained).</param>
/// <param name="ImagesTrained">Training images processed.</param>
/// <param name="Seconds">The episode's wall-clock seconds as the miner reported them.</param>
/// <param name="AcceptedAt">When the pool accepted it.</param>
internal sealed record LoggedEpisode(long Index, string MinerId, bool Explore, long ControllerEpisodes, double Reward, bool Feasible, long ImagesTrained, double Seconds, DateTimeOffset AcceptedAt)
{
    public static LoggedEpisode Read(JsonElement entry)
    {
        var report = entry.GetProperty("report");
        return new LoggedEpisode(
            entry.GetProperty("index").GetInt64(),
            entry.GetProperty("minerId").GetString()!,
            report.GetProperty("kind").GetString() == "Explore",
            report.GetProperty("controllerEpisodes").GetInt64(),
            report.GetProperty("reward").GetDouble(),
            report.GetProperty("feasible").GetBoolean(),
            report.GetProperty("imagesTrained").GetInt64(),
            report.GetProperty("seconds").GetDouble(),
            entry.GetProperty("acceptedAt").GetDateTimeOffset());
    }
}
