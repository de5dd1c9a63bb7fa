using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;
using Xunit.Abstractions;

namespace PoNasOrleans.Pool.Tests;

/// <summary>
/// Backups and promotion on real processes (issue 6): a silo with the supervisor ticking every heartbeat interval
/// (1 s) and agents training tiny networks. An exploring agent killed with SIGKILL gets its subspace taken over by the
/// warm standby within two heartbeat intervals of being declared gone, and the standby continues the subspace's
/// controller from the last checkpoint; an agent given a spot eviction notice leaves at once and its subspace is
/// promoted at that moment.
/// </summary>
public sealed class BackupOnRealProcessesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly string[] AgentArguments = ["--dataset", "synth", "--synth-images", "300", "--threads", "1", "--batch-size", "64", "--heartbeat", "1"];

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["PONAS__POOL__WAITRETRY"] = "00:00:01",
        ["PONAS__POOL__HEARTBEATINTERVAL"] = "00:00:01",
        ["PONAS__SUPERVISOR__ENABLED"] = "true",
        ["PONAS__SUPERVISOR__PERIOD"] = "00:00:01",
    };

    [Fact]
    public async Task A_killed_explorers_subspace_goes_to_its_warm_standby_within_two_heartbeat_intervals_of_it_being_gone_and_continues_from_its_checkpoint()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo, Settings);

        // two subspaces by construction: 4 filters per layer (feasible: about 3,086 images/s) and 128 (infeasible:
        // about 237 images/s, under the 1,000 required), so the first explorer is high-reward and the second, at
        // reward 0, low, whatever the training's noise
        await fleet.OpenBlock(BlockTask(Space(numFilters: "4, 128"), subspaces: 2, minThroughput: 1000));
        foreach (var id in new[] { "alpha", "beta" })
        {
            fleet.StartAgent(Builds.Agent, id, await fleet.Register(id, id), AgentArguments);
        }

        var groups = await Until(fleet, "both explorers grouped", async () =>
        {
            var supervisor = await fleet.Get("/api/supervisor");
            return supervisor.GetProperty("high").GetArrayLength() == 1 && supervisor.GetProperty("low").GetArrayLength() == 1
                && new[] { "high", "low" }.All(g => supervisor.GetProperty(g)[0].GetProperty("minerId").GetString() is "alpha" or "beta")
                ? supervisor : (JsonElement?)null;
        });
        Assert.Equal(0, groups.GetProperty("low")[0].GetProperty("reward").GetDouble());
        var (victim, subspace) = (groups.GetProperty("high")[0].GetProperty("minerId").GetString()!, groups.GetProperty("high")[0].GetProperty("subspace").GetString()!);
        var backup = groups.GetProperty("low")[0].GetProperty("minerId").GetString()!;
        var victimAgent = fleet.Agents.Single(a => a.MinerId == victim);
        victimAgent.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var victimEpisodes = (await fleet.Get($"/api/miners/{victim}")).GetProperty("episodes").GetInt64();

        // late after two intervals: the low-reward explorer is prepared as its standby; gone after three: promoted
        var promotion = await Until(fleet, "the promotion", async () =>
            (await fleet.Get("/api/supervisor")).GetProperty("promotions").EnumerateArray().FirstOrDefault(p => p.GetProperty("subspace").GetString() == subspace) is { ValueKind: JsonValueKind.Object } p ? p : (JsonElement?)null);
        Assert.Equal((victim, backup), (promotion.GetProperty("minerId").GetString(), promotion.GetProperty("backup").GetString()));
        var prepared = (await fleet.Get("/api/supervisor")).GetProperty("backups").EnumerateArray().Single();
        Assert.Equal((subspace, victim, backup, "HeartbeatsLate"), (prepared.GetProperty("subspace").GetString(), prepared.GetProperty("explorer").GetString(), prepared.GetProperty("backup").GetString(), prepared.GetProperty("reason").GetString()));
        var lastHeartbeat = (await fleet.Get($"/api/miners/{victim}")).GetProperty("lastHeartbeat").GetDateTimeOffset();
        var goneAt = lastHeartbeat + 3 * Interval;
        var promotedAt = promotion.GetProperty("at").GetDateTimeOffset();
        var preparedAt = prepared.GetProperty("at").GetDateTimeOffset();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"killed {victim} exploring {subspace} {(killedAt - lastHeartbeat).TotalSeconds:F2} s after its last heartbeat; standby {backup} prepared {(preparedAt - lastHeartbeat).TotalSeconds:F2} s after it; gone at +3.00 s; promoted {(promotedAt - goneAt).TotalSeconds:F2} s after being gone"));
        Assert.InRange(promotedAt - goneAt, TimeSpan.Zero, 2 * Interval);
        Assert.True(preparedAt <= promotedAt);

        // the standby fetched the checkpoint in advance and continues the subspace's controller: its first report
        // there carries the next controller counter, which the pool accepts only after the victim's last one
        var next = await Continuation(fleet, subspace, victim, backup);
        var standbyAgent = fleet.Agents.Single(a => a.MinerId == backup);
        Assert.Contains($"standby for 1/{subspace}: checkpoint", standbyAgent.Output, StringComparison.Ordinal);
        Assert.Contains("fetched in advance as a standby", standbyAgent.Output, StringComparison.Ordinal);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{backup}'s first episode of {subspace} accepted {(next.GetProperty("acceptedAt").GetDateTimeOffset() - promotedAt).TotalSeconds:F2} s after the promotion"));

        // nothing of the victim's is lost or counted twice
        var victimLogged = await LoggedEpisodes(fleet, victim);
        Assert.Equal(victimEpisodes, victimLogged);
        Assert.Equal(victimLogged, (await fleet.Get($"/api/miners/{victim}")).GetProperty("episodes").GetInt64());
        Assert.Equal("Gone", (await fleet.Get($"/api/miners/{victim}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_agent_given_an_eviction_notice_leaves_at_once_and_its_subspace_is_promoted_then()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo, Settings);
        using var events = new FakeScheduledEvents();
        await OpenBlock(fleet);
        var evicted = fleet.StartAgent(Builds.Agent, "alpha", await fleet.Register("alpha", "alpha"), [.. AgentArguments, "--scheduled-events", events.Endpoint.ToString()]);
        fleet.StartAgent(Builds.Agent, "beta", await fleet.Register("beta", "beta"), AgentArguments);
        await Until(fleet, "both exploring", async () =>
            (await fleet.Get("/api/blocks/1/subspaces")).EnumerateArray().All(s => s.GetProperty("explorations").GetInt64() >= 2) ? true : (bool?)null);
        var subspace = (await fleet.Get("/api/blocks/1")).GetProperty("subspaces").EnumerateArray().Single(s => s.GetProperty("explorer").GetString() == "alpha").GetProperty("name").GetString()!;

        // a third strong miner arrives with nothing to explore; then alpha's VM is to be evicted
        var idle = fleet.StartAgent(Builds.Agent, "gamma", await fleet.Register("gamma", "gamma"), AgentArguments);
        await Until(fleet, "gamma waiting or exploiting", async () =>
            (await fleet.Get("/api/miners/gamma")).GetProperty("role").GetString() is "Waiting" or "Exploiter" ? true : (bool?)null);
        var clock = Stopwatch.StartNew();
        var announced = DateTimeOffset.UtcNow;
        events.AnnounceEviction();
        Assert.True(evicted.WaitForExit(TimeSpan.FromSeconds(60)), evicted.Output);
        var exited = clock.Elapsed;
        var exitedAt = DateTimeOffset.UtcNow;
        Assert.Equal(0, evicted.ExitCode);

        // the leave promoted at once: the subspace was released before the agent had even exited
        var promotion = await Until(fleet, "the promotion", async () =>
            (await fleet.Get("/api/supervisor")).GetProperty("promotions").EnumerateArray().FirstOrDefault(p => p.GetProperty("minerId").GetString() == "alpha") is { ValueKind: JsonValueKind.Object } p ? p : (JsonElement?)null);
        Assert.Equal(subspace, promotion.GetProperty("subspace").GetString());
        Assert.Equal("Left", (await fleet.Get("/api/miners/alpha")).GetProperty("status").GetString());
        var promotedAfter = promotion.GetProperty("at").GetDateTimeOffset() - announced;
        Assert.True(promotion.GetProperty("at").GetDateTimeOffset() <= exitedAt, $"promoted {promotedAfter} after the notice, after the agent had exited");

        // the idle strong miner continues the subspace from alpha's last checkpoint
        var next = await Continuation(fleet, subspace, "alpha", "gamma");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"eviction notice → agent exited in {exited.TotalSeconds:F2} s; promotion recorded {promotedAfter.TotalSeconds:F2} s after the notice; gamma's first episode of {subspace} accepted {(next.GetProperty("acceptedAt").GetDateTimeOffset() - announced).TotalSeconds:F2} s after it"));
        Assert.Equal(await LoggedEpisodes(fleet, "alpha"), (await fleet.Get("/api/miners/alpha")).GetProperty("episodes").GetInt64());
        Assert.False(idle.HasExited, idle.Output);
    }

    /// <summary>
    /// The successor's first exploration of the subspace, once logged, after checking that it continues the departed
    /// explorer's controller: its counter follows that of the subspace's previous exploration, which was the departed one's.
    /// </summary>
    private static async Task<JsonElement> Continuation(PoolFleet fleet, string subspace, string departed, string successor)
    {
        var explorations = await Until(fleet, $"{successor}'s first exploration of {subspace}", async () =>
        {
            var log = (await fleet.Get($"/api/blocks/1/subspaces/{subspace}/episodes?take=1000")).EnumerateArray()
                .Where(e => e.GetProperty("report").GetProperty("kind").GetString() == "Explore").ToList();
            var first = log.FindIndex(e => e.GetProperty("minerId").GetString() == successor);
            return first > 0 ? (log[first - 1], log[first]) : ((JsonElement, JsonElement)?)null;
        });
        var (previous, next) = explorations;
        Assert.Equal(departed, previous.GetProperty("minerId").GetString());
        Assert.Equal(previous.GetProperty("report").GetProperty("controllerEpisodes").GetInt64() + 1, next.GetProperty("report").GetProperty("controllerEpisodes").GetInt64());
        return next;
    }

    private static Task<JsonElement> OpenBlock(PoolFleet fleet) => fleet.OpenBlock(BlockTask(SpaceJson.Write(PresetCatalog.Paper.Full), subspaces: 2, minThroughput: 10));

    /// <summary>A block task of 3-layer networks trained one epoch on 270 images, with a budget the tests do not exhaust.</summary>
    private static object BlockTask(string space, int subspaces, double minThroughput) => new
    {
        height = 1, space, layers = 3, fpgaModel = "tiled", lutLimit = 100_000, minThroughput,
        epochs = 1, trainImages = 270, partitioner = "balanced", subspaces, seed = 3, episodesPerSubspace = 20_000,
        trainingPhase = "10.00:00:00", exploitEpochs = 1,
    };

    /// <summary>A space of one value per hyperparameter but the filter counts given.</summary>
    private static string Space(string numFilters) =>
        $$"""{"filter_height":[5],"filter_width":[5],"num_filters":[{{numFilters}}],"stride_height":[1],"stride_width":[1],"pool_size":[1],"act_num_int_bits":[2],"act_num_frac_bits":[4],"weight_num_int_bits":[2],"weight_num_frac_bits":[4]}""";

    /// <summary>The episodes of a miner in the block's logs.</summary>
    private static async Task<long> LoggedEpisodes(PoolFleet fleet, string minerId)
    {
        long count = 0;
        foreach (var subspace in (await fleet.Get("/api/blocks/1/subspaces")).EnumerateArray())
        {
            var log = await fleet.Get($"/api/blocks/1/subspaces/{subspace.GetProperty("name").GetString()}/episodes?take=1000");
            count += log.EnumerateArray().Count(e => e.GetProperty("minerId").GetString() == minerId);
        }

        return count;
    }

    private static async Task<T> Until<T>(PoolFleet fleet, string what, Func<Task<T?>> read)
        where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                Assert.Fail($"{what}: not within 2 minutes:\n{string.Join("\n\n", fleet.Agents.Select(a => $"{a.MinerId}:\n{a.Output}"))}");
            }

            await Task.Delay(200);
        }
    }
}
