using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Silo.Tests;

/// <summary>
/// <c>GET /api/refusals</c> on a real silo process: the miners' refused calls, newest first, with a bounded
/// <c>take</c>; and the silo's own telemetry, switched on with <c>Telemetry:Console</c>. (The grain tests refuse
/// agents' calls and reports: <c>PoolMetricsTests</c>.)
/// </summary>
public sealed class RefusalsApiTests
{
    [Fact]
    public async Task The_feed_shows_refused_miner_calls_newest_first_refuses_a_bad_take_and_the_silo_traces_them()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo, new Dictionary<string, string> { ["PONAS__TELEMETRY__CONSOLE"] = "true" });
        using var anonymous = new HttpClient { BaseAddress = fleet.Api.BaseAddress };
        Assert.Equal(0, (await Get(anonymous, "/api/refusals")).GetArrayLength());

        // a second registration is a refused call of the miner's grain (the credential is issued once)
        foreach (var minerId in new[] { "rig-1", "rig-2" })
        {
            await fleet.Register(minerId, "a rig");
            using var again = await fleet.Api.PostAsJsonAsync(new Uri("/api/miners", UriKind.Relative), new { minerId, displayName = "a rig", device = "cpu" });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var feed = await Get(anonymous, "/api/refusals?take=50");
        Assert.Equal(2, feed.GetArrayLength());
        Assert.Equal(["at", "minerId", "reason", "detail"], feed[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal([("rig-2", "CallRefused"), ("rig-1", "CallRefused")], feed.EnumerateArray().Select(r => (r.GetProperty("minerId").GetString(), r.GetProperty("reason").GetString())));
        Assert.Contains("miner 'rig-2' is already registered", feed[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(feed[0].GetProperty("at").GetDateTimeOffset() >= feed[1].GetProperty("at").GetDateTimeOffset());
        var newest = await Get(anonymous, "/api/refusals?take=1");
        Assert.Equal("rig-2", Assert.Single(newest.EnumerateArray()).GetProperty("minerId").GetString());

        foreach (var take in new[] { "0", "201", "-1", "many" })
        {
            using var bad = await anonymous.GetAsync(new Uri($"/api/refusals?take={take}", UriKind.Relative));
            Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, $"take={take}: {bad.StatusCode}");
        }

        // the console exporter wrote the silo's spans (its API requests and their grain calls) and, at the stop, its metrics
        Assert.True(fleet.Silo.Terminate(TimeSpan.FromSeconds(30)), "the silo did not stop on SIGTERM");
        var output = await fleet.Silo.Output;
        Assert.Contains("service.name: ponas-silo", output, StringComparison.Ordinal);
        Assert.Matches(@"Activity\.DisplayName:\s+GET /api/refusals", output);
        Assert.Matches(@"Activity\.DisplayName:\s+IMinerGrain/Register", output);
        Assert.DoesNotMatch(@"Activity\.DisplayName:\s+GET /health", output); // the health probes are not traced
        Assert.Contains("Metric Name: ponas.miners", output, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
