using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Silo.Tests;

/// <summary>
/// Malformed and hostile requests to the silo's API on a real silo process (docs/reliability.md): each is refused
/// with a clear error naming what was wrong, and afterwards the pool's state is what it was.
/// </summary>
public sealed class HostileRequestTests
{
    private static readonly object Task = new
    {
        height = 1, space = SpaceJson.Write(PresetCatalog.Paper.Full), layers = 6, fpgaModel = "tiled", lutLimit = 100_000, minThroughput = 10.0,
        epochs = 2, trainImages = 1000, partitioner = "paper", subspaces = 9, seed = 1, episodesPerSubspace = 10, trainingPhase = "00:30:00", exploitEpochs = 4,
    };

    [Fact]
    public async Task Every_hostile_request_is_refused_with_a_reason_and_changes_nothing()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo);
        await fleet.OpenBlock(Task);
        await fleet.Register("miner-1", "rig one");
        var before = await State(fleet);
        using var anonymous = new HttpClient { BaseAddress = fleet.Api.BaseAddress };
        using var forged = new HttpClient { BaseAddress = fleet.Api.BaseAddress };
        forged.DefaultRequestHeaders.Add("X-Operator-Key", "0123456789abcdef-not-the-key");
        var taskJson = JsonSerializer.Serialize(Task);
        var nextTask = taskJson.Replace("\"height\":1", "\"height\":2", StringComparison.Ordinal); // a bad task at a new height: its own checks answer

        var cases = new (string Name, HttpClient Client, HttpMethod Method, string Path, string? Body, HttpStatusCode Status, string Fragment)[]
        {
            ("register without key", anonymous, HttpMethod.Post, "/api/miners", """{"minerId":"m-2","displayName":"x","device":"cpu"}""", HttpStatusCode.Unauthorized, "X-Operator-Key"),
            ("register with a forged key", forged, HttpMethod.Post, "/api/miners", """{"minerId":"m-2","displayName":"x","device":"cpu"}""", HttpStatusCode.Unauthorized, "X-Operator-Key"),
            ("open a block with a forged key", forged, HttpMethod.Post, "/api/blocks", taskJson, HttpStatusCode.Unauthorized, "X-Operator-Key"),
            ("close a block without key", anonymous, HttpMethod.Post, "/api/blocks/1/close", null, HttpStatusCode.Unauthorized, "X-Operator-Key"),
            ("path-like miner id", fleet.Api, HttpMethod.Post, "/api/miners", """{"minerId":"../../etc/passwd","displayName":"x","device":"cpu"}""", HttpStatusCode.BadRequest, "is not a miner id"),
            ("miner id of 65 characters", fleet.Api, HttpMethod.Post, "/api/miners", $$"""{"minerId":"{{new string('a', 65)}}","displayName":"x","device":"cpu"}""", HttpStatusCode.BadRequest, "is not a miner id"),
            ("miner id with a trailing newline", fleet.Api, HttpMethod.Post, "/api/miners", """{"minerId":"rig\n","displayName":"x","device":"cpu"}""", HttpStatusCode.BadRequest, "is not a miner id"),
            ("empty miner id", fleet.Api, HttpMethod.Post, "/api/miners", """{"minerId":"","displayName":"x","device":"cpu"}""", HttpStatusCode.BadRequest, "is not a miner id"),
            ("control characters in a name", fleet.Api, HttpMethod.Post, "/api/miners", """{"minerId":"m-3","displayName":"a\u0007b","device":"cpu"}""", HttpStatusCode.BadRequest, "display name"),
            ("unknown device", fleet.Api, HttpMethod.Post, "/api/miners", """{"minerId":"m-3","displayName":"x","device":"tpu"}""", HttpStatusCode.BadRequest, "'tpu'"),
            ("a second registration", fleet.Api, HttpMethod.Post, "/api/miners", """{"minerId":"miner-1","displayName":"x","device":"cpu"}""", HttpStatusCode.Conflict, "already registered"),
            ("not JSON", fleet.Api, HttpMethod.Post, "/api/miners", "{{{", HttpStatusCode.BadRequest, ""),
            ("wrong JSON types", fleet.Api, HttpMethod.Post, "/api/miners", """{"minerId":5,"displayName":[],"device":true}""", HttpStatusCode.BadRequest, ""),
            ("oversized body", fleet.Api, HttpMethod.Post, "/api/miners", $$"""{"minerId":"m-4","displayName":"{{new string('x', 2_000_000)}}","device":"cpu"}""", HttpStatusCode.RequestEntityTooLarge, ""),
            ("zero layers", fleet.Api, HttpMethod.Post, "/api/blocks", nextTask.Replace("\"layers\":6", "\"layers\":0", StringComparison.Ordinal), HttpStatusCode.BadRequest, "layers must lie in 1–32"),
            ("negative epochs", fleet.Api, HttpMethod.Post, "/api/blocks", nextTask.Replace("\"epochs\":2", "\"epochs\":-2", StringComparison.Ordinal), HttpStatusCode.BadRequest, "epochs"),
            ("NaN throughput", fleet.Api, HttpMethod.Post, "/api/blocks", nextTask.Replace("\"minThroughput\":10", "\"minThroughput\":\"NaN\"", StringComparison.Ordinal), HttpStatusCode.BadRequest, ""),
            ("infinite throughput", fleet.Api, HttpMethod.Post, "/api/blocks", nextTask.Replace("\"minThroughput\":10", "\"minThroughput\":1e999", StringComparison.Ordinal), HttpStatusCode.BadRequest, ""),
            ("negative training phase", fleet.Api, HttpMethod.Post, "/api/blocks", nextTask.Replace("\"00:30:00\"", "\"-00:30:00\"", StringComparison.Ordinal), HttpStatusCode.BadRequest, "training phase"),
            ("unknown FPGA model", fleet.Api, HttpMethod.Post, "/api/blocks", nextTask.Replace("\"tiled\"", "\"quantum\"", StringComparison.Ordinal), HttpStatusCode.BadRequest, "quantum"),
            ("a space that is not space JSON", fleet.Api, HttpMethod.Post, "/api/blocks", nextTask.Replace("\"space\":\"", "\"space\":\"x", StringComparison.Ordinal), HttpStatusCode.BadRequest, "space"),
            ("another task at the open height", fleet.Api, HttpMethod.Post, "/api/blocks", taskJson.Replace("\"epochs\":2", "\"epochs\":3", StringComparison.Ordinal), HttpStatusCode.BadRequest, "open with another task"),
            ("path-like subspace name", anonymous, HttpMethod.Get, "/api/blocks/1/subspaces/..%2F..%2Fetc", null, HttpStatusCode.BadRequest, "is not a subspace name"),
            ("negative skip", anonymous, HttpMethod.Get, "/api/blocks/1/subspaces/S1/episodes?skip=-1", null, HttpStatusCode.BadRequest, "skip must be ≥ 0"),
            ("oversized page", anonymous, HttpMethod.Get, "/api/blocks/1/subspaces/S1/episodes?take=100000", null, HttpStatusCode.BadRequest, "take in 1–"),
            ("negative miner page", anonymous, HttpMethod.Get, "/api/miners?take=-5", null, HttpStatusCode.BadRequest, "take must lie in"),
            ("forged miner id in a path", anonymous, HttpMethod.Get, "/api/miners/..%2F..%2Fx", null, HttpStatusCode.BadRequest, "is not a miner id"),
            ("forged miner id in the ledger", anonymous, HttpMethod.Get, "/api/ledger/miners/..%2Fx", null, HttpStatusCode.BadRequest, "is not a miner id"),
            ("ledger page of zero", anonymous, HttpMethod.Get, "/api/ledger/blocks?take=0", null, HttpStatusCode.BadRequest, "take must be"),
            ("height that is not a number", anonymous, HttpMethod.Get, "/api/blocks/one", null, HttpStatusCode.NotFound, ""),
            ("negative height", anonymous, HttpMethod.Get, "/api/chain/heights/-1", null, HttpStatusCode.NotFound, ""),
        };

        var wrong = new List<string>();
        foreach (var (name, client, method, path, body, status, fragment) in cases)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
            // as a well-behaved client of a large upload does: the server refuses on the announced length, before the body is sent
            // (without it, the client may still be writing when the 413 closes the connection)
            request.Headers.ExpectContinue = body is { Length: > 100_000 };
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != status || !text.Contains(fragment, StringComparison.Ordinal))
            {
                wrong.Add($"{name}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(before, await State(fleet));
    }

    /// <summary>What a hostile request must not change: the current block and its task, the miners (but their count of refused calls, which counts exactly these requests) and the ledger.</summary>
    private static async Task<string> State(PoolFleet fleet)
    {
        var miners = (await fleet.Get("/api/miners")).EnumerateArray().Select(m => string.Join(
            ' ', m.GetProperty("minerId").GetString(), m.GetProperty("profile").GetRawText(), m.GetProperty("registeredAt").GetRawText(), m.GetProperty("workUnits").GetRawText()));
        return string.Join(
            '\n',
            (await fleet.Get("/api/pool")).GetRawText(),
            (await fleet.Get("/api/blocks/1")).GetProperty("task").GetRawText(),
            string.Join(';', miners),
            (await fleet.Get("/api/ledger/blocks")).GetRawText());
    }
}
