using System.Diagnostics;
using System.Text.Json;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Pool.Tests;

/// <summary>
/// The dashboard (docs/dashboard.md) in a real browser: Azurite, a silo with its supervisor, three agents training
/// tiny networks in three subspaces and a fourth that the pool refuses (a wrong credential). Once episodes are in,
/// tests/browser/dashboard.mjs opens the silo's <c>/</c> in Debian's Chromium (driven by playwright-core), waits for
/// the panels to hold data, saves artifacts/dashboard.png and reports what it saw.
/// </summary>
public sealed class DashboardInBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] AgentArguments = ["--dataset", "synth", "--synth-images", "300", "--threads", "1", "--batch-size", "64", "--heartbeat", "1"];

    [Fact]
    public async Task Chromium_shows_the_curves_deviation_leaderboard_miners_and_refusals_of_a_running_pool()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: test.sh installs it (apt-get install chromium chromium-driver)");
        using var fleet = await PoolFleet.Start(Builds.Silo, new Dictionary<string, string>
        {
            ["PONAS__POOL__WAITRETRY"] = "00:00:01",
            ["PONAS__SUPERVISOR__ENABLED"] = "true",
            ["PONAS__SUPERVISOR__PERIOD"] = "00:00:01",
        });
        await fleet.OpenBlock(new
        {
            height = 1, space = SpaceJson.Write(PresetCatalog.Paper.Full), layers = 3, fpgaModel = "tiled", lutLimit = 100_000, minThroughput = 10.0,
            epochs = 1, trainImages = 270, partitioner = "balanced", subspaces = 3, seed = 3, episodesPerSubspace = 20,
            trainingPhase = "01:00:00", exploitEpochs = 1,
        });
        var miners = new List<AgentProcess>();
        foreach (var id in new[] { "alpha", "beta", "gamma" })
        {
            miners.Add(fleet.StartAgent(Builds.Agent, id, await fleet.Register(id, id), AgentArguments));
        }

        // a fourth with a wrong credential: refused, for the refusals panel
        var credential = await fleet.Register("mallory", "mallory");
        fleet.StartAgent(Builds.Agent, "mallory", string.Concat(credential.Reverse()), AgentArguments);

        // both subspaces explored a few times and the supervisor has a point: every panel has something to draw
        var clock = Stopwatch.StartNew();
        long curvePoints = 0;
        while (true)
        {
            var subspaces = (await fleet.Get("/api/blocks/1/subspaces")).EnumerateArray().ToList();
            curvePoints = subspaces.Sum(s => s.GetProperty("curve").GetArrayLength());
            var series = (await fleet.Get("/api/supervisor")).GetProperty("series").GetArrayLength();
            if (subspaces.All(s => s.GetProperty("explorations").GetInt64() >= 2 && s.GetProperty("curve").GetArrayLength() > 0) && series > 0)
            {
                break;
            }

            Assert.False(clock.Elapsed > TimeSpan.FromMinutes(4) || miners.Any(a => a.HasExited),
                $"the agents did not explore within {clock.Elapsed}:\n{string.Join("\n\n", miners.Select(a => a.Output))}");
            await Task.Delay(500);
        }

        var screenshot = Path.Combine(Azurite.RepositoryRoot(), "artifacts", "dashboard.png");
        var (exitCode, output, errors) = await Browse(new Uri(fleet.Api.BaseAddress!, "/"), screenshot);
        Assert.True(exitCode == 0, $"the dashboard script exited with {exitCode}:\n{output}\n{errors}");
        var seen = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;

        Assert.Equal("/dashboard/", seen.GetProperty("path").GetString());
        Assert.True(seen.GetProperty("status").GetString() == "live", $"the page reports trouble: {seen.GetProperty("statusText")}");
        var curves = seen.GetProperty("charts").GetProperty("curves");
        Assert.Equal(3, curves.GetProperty("series").GetInt32());
        Assert.True(curves.GetProperty("points").GetInt64() >= curvePoints, output);
        Assert.True(seen.GetProperty("charts").GetProperty("deviation").GetProperty("points").GetInt32() > 0, output);
        Assert.True(seen.GetProperty("charts").GetProperty("timeline").GetProperty("points").GetInt32() > 0, output);
        Assert.True(seen.GetProperty("tables").GetProperty("leaderboard").GetProperty("rows").GetInt32() > 0, output);
        Assert.Equal(4, seen.GetProperty("tables").GetProperty("miners").GetProperty("rows").GetInt32());
        var refusals = seen.GetProperty("tables").GetProperty("refusals");
        if (refusals.GetProperty("available").GetString() != "false")
        {
            // GET /api/refusals is served (tolerated as missing until it is)
            Assert.True(refusals.GetProperty("rows").GetInt32() > 0, output);
        }

        Assert.Equal(1, seen.GetProperty("tables").GetProperty("blocks").GetProperty("rows").GetInt32());
        Assert.Empty(seen.GetProperty("pageErrors").EnumerateArray());
        Assert.Empty(seen.GetProperty("foreignRequests").EnumerateArray());
        Assert.True(new FileInfo(screenshot).Length > 10_000, $"{screenshot} is missing or tiny");
    }

    /// <summary>Runs tests/browser/dashboard.mjs on <paramref name="url"/>; its exit code, standard output and standard error.</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> Browse(Uri url, string screenshot)
    {
        var root = Azurite.RepositoryRoot();
        var start = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(root, "tests", "browser", "dashboard.mjs"), url.ToString(), screenshot,
            "--require", "curves,deviation,timeline,leaderboard,miners,blocks", "--timeout", "60",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"the dashboard script did not end within 2 minutes: {await errors}");
        }

        return (node.ExitCode, await output, await errors);
    }
}
