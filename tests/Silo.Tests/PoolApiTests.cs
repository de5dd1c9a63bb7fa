using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Silo.Tests;

/// <summary>The silo's JSON API on a real silo process: read-only without the operator key, clear errors for bad requests.</summary>
public sealed class PoolApiTests
{
    [Fact]
    public async Task The_api_shows_the_pool_and_refuses_writes_without_the_operator_key_and_bad_requests_with_reasons()
    {
        using var fleet = await PoolFleet.Start(Path.Combine(AppContext.BaseDirectory, "PoNasOrleans.Silo.dll"));
        using var anonymous = new HttpClient { BaseAddress = fleet.Api.BaseAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/blocks/current", UriKind.Relative))).StatusCode);

        var task = new
        {
            height = 1, space = SpaceJson.Write(PresetCatalog.Paper.Full), layers = 6, fpgaModel = "tiled", lutLimit = 100_000, minThroughput = 10.0,
            epochs = 2, trainImages = 1000, partitioner = "paper", subspaces = 9, seed = 1, episodesPerSubspace = 10, trainingPhase = "00:30:00", exploitEpochs = 4,
        };
        var refused = await anonymous.PostAsJsonAsync(new Uri("/api/blocks", UriKind.Relative), task);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("X-Operator-Key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badTask = await fleet.Api.PostAsJsonAsync(new Uri("/api/blocks", UriKind.Relative), task with { layers = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, badTask.StatusCode);
        Assert.Contains("layers must lie in 1–32, got 0", await badTask.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var block = await fleet.OpenBlock(task);
        Assert.Equal("Training", block.GetProperty("phase").GetString());
        var current = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/blocks/current", UriKind.Relative));
        Assert.Equal(9, current.GetProperty("subspaces").GetArrayLength());
        var subspaces = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/blocks/1/subspaces", UriKind.Relative));
        Assert.Equal("S9", subspaces[8].GetProperty("name").GetString());
        Assert.Equal(0, subspaces[0].GetProperty("episodes").GetInt64());

        var credential = await fleet.Register("miner-1", "rig one");
        Assert.True(credential.Length >= 40);
        var again = await fleet.Api.PostAsJsonAsync(new Uri("/api/miners", UriKind.Relative), new { minerId = "miner-1", displayName = "rig one", device = "cpu" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var badId = await fleet.Api.PostAsJsonAsync(new Uri("/api/miners", UriKind.Relative), new { minerId = "../etc", displayName = "x", device = "cpu" });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Contains("is not a miner id", await badId.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var miners = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/miners", UriKind.Relative));
        var miner = Assert.Single(miners.EnumerateArray());
        Assert.Equal(("miner-1", "Silent", "None"), (miner.GetProperty("minerId").GetString(), miner.GetProperty("status").GetString(), miner.GetProperty("role").GetString()));
        Assert.DoesNotContain(credential, miners.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync(new Uri("/api/blocks/1/subspaces/..%2Fx", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/blocks/7", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync(new Uri("/api/blocks/1/subspaces/S1/episodes?take=5000", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/miners/nobody", UriKind.Relative))).StatusCode);
    }
}
