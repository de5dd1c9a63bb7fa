using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Pool.Tests;

/// <summary>
/// A whole block on real processes: Azurite, one silo, two agents training tiny networks. Checks the leaderboard,
/// the blobs against their reported hashes, that every episode is stored once, and that both ways of leaving work:
/// a spot eviction notice (from a fake Scheduled Events endpoint) and SIGTERM.
/// </summary>
public sealed class BlockOnRealProcessesTests
{
    private static readonly string[] AgentArguments = ["--dataset", "synth", "--synth-images", "300", "--threads", "1", "--batch-size", "64", "--heartbeat", "1"];

    [Fact]
    public async Task Two_agents_mine_a_block_store_every_episode_once_with_matching_blobs_and_leave_cleanly()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo, new Dictionary<string, string> { ["PONAS__POOL__WAITRETRY"] = "00:00:01" });
        using var events = new FakeScheduledEvents();
        await fleet.OpenBlock(new
        {
            height = 1, space = SpaceJson.Write(PresetCatalog.Paper.Full), layers = 3, fpgaModel = "tiled", lutLimit = 100_000, minThroughput = 10.0,
            epochs = 1, trainImages = 270, partitioner = "balanced", subspaces = 2, seed = 3, episodesPerSubspace = 3,
            trainingPhase = "01:00:00", exploitEpochs = 1,
        });
        var alpha = fleet.StartAgent(Builds.Agent, "alpha", await fleet.Register("alpha", "alpha"), AgentArguments);
        var beta = fleet.StartAgent(Builds.Agent, "beta", await fleet.Register("beta", "beta"), [.. AgentArguments, "--scheduled-events", events.Endpoint.ToString()]);

        await Until(async () => (await fleet.Get("/api/blocks/1")).GetProperty("subspaces").EnumerateArray().All(s => s.GetProperty("explored").GetBoolean()), fleet, TimeSpan.FromMinutes(5));
        events.AnnounceEviction();
        Assert.True(beta.WaitForExit(TimeSpan.FromSeconds(90)), beta.Output);
        Assert.Equal(0, beta.ExitCode);
        Assert.Contains("eviction notice evict-1", beta.Output, StringComparison.Ordinal);
        Assert.Contains(events.Acknowledgements, body => body.Contains("\"evict-1\"", StringComparison.Ordinal));
        Assert.Equal(0, events.RequestsWithoutHeader);
        Assert.True(alpha.Terminate(TimeSpan.FromSeconds(90)), alpha.Output);
        Assert.Equal(0, alpha.ExitCode);
        Assert.DoesNotContain("refused (", alpha.Output + beta.Output, StringComparison.Ordinal);

        var subspaces = (await fleet.Get("/api/blocks/1/subspaces")).EnumerateArray().ToList();
        var blobs = new BlobServiceClient(fleet.Storage.ConnectionString);
        long episodes = 0;
        foreach (var subspace in subspaces)
        {
            var name = subspace.GetProperty("name").GetString();
            Assert.Equal(3, subspace.GetProperty("explorations").GetInt64());
            var log = (await fleet.Get($"/api/blocks/1/subspaces/{name}/episodes?take=1000")).EnumerateArray().ToList();
            Assert.Equal(subspace.GetProperty("episodes").GetInt64(), log.Count);
            Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.GetProperty("index").GetInt64()));
            foreach (var miner in log.GroupBy(e => e.GetProperty("minerId").GetString()))
            {
                // per miner, sequences 1, 2, 3, … each stored once: retries never counted twice
                Assert.Equal(Enumerable.Range(1, miner.Count()).Select(i => (long)i), miner.Select(e => e.GetProperty("report").GetProperty("sequence").GetInt64()));
            }

            await AssertBlob(blobs, "checkpoints", subspace.GetProperty("checkpoint"));
            episodes += log.Count;
        }

        var leaderboard = (await fleet.Get("/api/blocks/1/leaderboard")).EnumerateArray().ToList();
        Assert.NotEmpty(leaderboard);
        Assert.True(leaderboard[0].GetProperty("reward").GetDouble() > 0);
        foreach (var model in leaderboard.Select(e => e.GetProperty("model")).Where(m => m.ValueKind == JsonValueKind.Object))
        {
            await AssertBlob(blobs, "models", model);
        }

        var miners = (await fleet.Get("/api/miners")).EnumerateArray().ToList();
        Assert.All(miners, m => Assert.Equal("Left", m.GetProperty("status").GetString()));
        Assert.Equal(episodes, miners.Sum(m => m.GetProperty("episodes").GetInt64()));
        Assert.All(miners, m => Assert.Equal(0, m.GetProperty("refusedCalls").GetInt64()));
    }

    private static async Task AssertBlob(BlobServiceClient blobs, string container, JsonElement reference)
    {
        var name = reference.GetProperty("name").GetString();
        var content = (await blobs.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(reference.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    private static async Task Until(Func<Task<bool>> condition, PoolFleet fleet, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout || fleet.Agents.Any(a => a.HasExited))
            {
                Assert.Fail($"the block did not finish exploring within {timeout}:\n{string.Join("\n\n", fleet.Agents.Select(a => a.Output))}");
            }

            await Task.Delay(500);
        }
    }
}
