using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;

namespace PoNasOrleans.AppHost.Tests;

/// <summary>
/// The app host as a developer runs it, under Aspire's test host: Azurite, the silo with its devnet and the pool
/// following it, and agents, here one strong, one weak (the agent counts set on the command line, as a developer would;
/// fewer than the default four, to spare the two cores the other test projects share) and a validator. The pool opens
/// the chain's block by itself, the app host registers every agent, both agents calibrate with their time budget
/// factors and mine. Which of them explores is the pool's decision from the measured speeds (docs/apphost.md), which
/// vary with the machine's load, so it is printed, not asserted.
/// </summary>
public sealed class AppHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly string[] Resources = ["azurite", "silo", "strong-1", "weak-1", "validator-1"];

    [Fact]
    public async Task The_app_host_starts_a_pool_that_follows_its_devnet_and_registered_agents_that_calibrate_and_mine()
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var clock = Stopwatch.StartNew();
        // two explorations per subspace instead of eight: the strong threshold (episodes × epochs × images ÷ phase) falls
        // from about 400 to about 100 images/s, so that the strong agent explores even when a loaded machine calibrates
        // it slowly (376 images/s seen in CI); the weak one (0.1 × its speed) stays below it on such a machine
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Agents:Strong=1", "--Agents:Weak=1", "--Silo:Consensus:EpisodesPerSubspace=2"], cancellation.Token);
        await using var app = await builder.BuildAsync(cancellation.Token);
        await app.StartAsync(cancellation.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("silo", cancellation.Token);
        using var silo = app.CreateHttpClient("silo", "http");

        var health = await silo.GetFromJsonAsync<JsonElement>(new Uri("/health", UriKind.Relative), cancellation.Token);
        Assert.Equal("active", health.GetProperty("status").GetString());

        var miners = await Until(app, silo, "/api/miners", CalibratedAndMining, cancellation.Token);
        var byId = miners.EnumerateArray().ToDictionary(m => m.GetProperty("minerId").GetString()!);
        Assert.Equal(["strong-1", "validator-1", "weak-1"], byId.Keys.Order(StringComparer.Ordinal));
        Assert.All(byId.Values, m => Assert.True(m.GetProperty("registered").GetBoolean()));
        Assert.Equal(1.0, byId["strong-1"].GetProperty("strength").GetProperty("timeBudgetFactor").GetDouble(), 6);
        Assert.Equal(0.1, byId["weak-1"].GetProperty("strength").GetProperty("timeBudgetFactor").GetDouble(), 6);

        var chain = await silo.GetFromJsonAsync<JsonElement>(new Uri("/api/chain", UriKind.Relative), cancellation.Token);
        Assert.True(chain.GetProperty("running").GetBoolean());
        var block = await silo.GetFromJsonAsync<JsonElement>(new Uri("/api/blocks/current", UriKind.Relative), cancellation.Token);
        Assert.Equal(chain.GetProperty("currentHeight").GetInt64(), block.GetProperty("task").GetProperty("height").GetInt64());
        Assert.Equal("paper", block.GetProperty("task").GetProperty("partitioner").GetString());
        var roles = string.Join(", ", new[] { "strong-1", "weak-1" }.Select(id => $"{id} {byId[id].GetProperty("role").GetString()} " +
            $"({byId[id].GetProperty("strength").GetProperty("effective").GetDouble():F0} effective images/s, needed {block.GetProperty("task").GetProperty("strongImagesPerSecond").GetDouble():F0})"));
        output.WriteLine($"app host: both agents calibrated and an episode reported after {clock.Elapsed.TotalSeconds:F0} s; {roles}");
    }

    /// <summary>Both mining agents have reported their calibration, and an episode has been reported.</summary>
    private static bool CalibratedAndMining(JsonElement miners) =>
        miners.EnumerateArray().Count(m => m.GetProperty("strength").ValueKind == JsonValueKind.Object) == 2
        && miners.EnumerateArray().Any(m => m.GetProperty("episodes").GetInt32() > 0);

    /// <summary>A resource that has stopped (exited, finished or failed to start), with its state and exit code; null while all run.</summary>
    private static string? Ended(DistributedApplication app) =>
        Resources.Select(name => app.ResourceNotifications.TryGetCurrentState(name, out var current)
                && current.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state)
                ? $"{name}: {state}, exit code {current.Snapshot.ExitCode}"
                : null)
            .FirstOrDefault(ended => ended is not null);

    /// <summary>Polls an API path until its JSON meets the condition; fails at once when a resource stops, and at the timeout.</summary>
    private static async Task<JsonElement> Until(DistributedApplication app, HttpClient api, string path, Func<JsonElement, bool> condition, CancellationToken cancellationToken)
    {
        var last = "";
        try
        {
            while (true)
            {
                using var response = await api.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                last = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode && JsonDocument.Parse(last).RootElement.Clone() is var json && condition(json))
                {
                    return json;
                }

                if (Ended(app) is { } ended)
                {
                    Assert.Fail($"{ended} (its log is in the test output above); {path} answered:\n{last}");
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{path} did not reach the expected state within {Timeout}; last answer:\n{last}");
            throw;
        }
    }
}
