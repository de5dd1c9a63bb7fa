using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PoNasOrleans.LocalPool;
using Xunit.Abstractions;
using static PoNasOrleans.Pool.Tests.AcceptedEpisodes;

namespace PoNasOrleans.Pool.Tests;

/// <summary>
/// Storage goes away (issue 6): Azurite stopped gracefully for 30 s and started again on the same ports and data while
/// a silo and two agents mine. The silo and the agents retry, nothing acknowledged before the outage is lost, the
/// reports held back during it arrive afterwards. Prints the time from the restart to the first accepted report and
/// the retries during the outage (docs/reliability.md, "Failures").
/// </summary>
[Collection(FaultTests.Name)]
public sealed class StorageOutageOnRealProcessesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Azurite_stopped_with_SIGTERM_keeps_every_entity_and_blob_it_acknowledged_when_started_again()
    {
        using var azurite = new Azurite();
        var table = new TableClient(azurite.ConnectionString, "outage");
        await table.CreateIfNotExistsAsync();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("outage");
        await container.CreateIfNotExistsAsync();
        for (var i = 0; i < 200; i++)
        {
            await table.UpsertEntityAsync(new TableEntity("p", i.ToString("D3", CultureInfo.InvariantCulture)) { ["Value"] = i });
        }

        await container.UploadBlobAsync("last", BinaryData.FromString("written just before the stop"));

        // at once: Azurite saves its database every 5 s by itself, so only the save on SIGTERM keeps the last writes
        var clock = Stopwatch.StartNew();
        azurite.Stop();
        var stopping = clock.Elapsed;
        Assert.True(azurite.HasExited);
        azurite.Restart();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stopped in {stopping.TotalSeconds:F1} s, listening again {(clock.Elapsed - stopping).TotalSeconds:F1} s later"));

        var values = table.Query<TableEntity>(e => e.PartitionKey == "p").Select(e => e.GetInt32("Value")).ToList();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (int?)i), values);
        Assert.Equal("written just before the stop", (await container.GetBlobClient("last").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task A_30_s_storage_outage_is_ridden_out_by_the_silo_and_the_agents_and_loses_no_acknowledged_report()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo, new Dictionary<string, string> { ["PONAS__POOL__WAITRETRY"] = "00:00:01" });
        await fleet.OpenBlock(Block);
        foreach (var id in new[] { "alpha", "beta" })
        {
            fleet.StartAgent(Builds.Agent, id, await fleet.Register(id, id), AgentArguments);
        }

        await AcceptedAfter(fleet, DateTimeOffset.MinValue, 2, TimeSpan.FromMinutes(2));

        // 30 s from SIGTERM (Azurite stops answering at once) to the restart
        var stoppedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        fleet.Storage.Stop();
        var stopping = clock.Elapsed;
        var acknowledged = fleet.Agents.SelectMany(Of).Where(r => r.At <= stoppedAt).ToList();

        // meanwhile the silo's grains cannot read or write: the API answers with an error (or not within the outage),
        // and the silo stays up
        var probe = Probe(fleet, "/api/blocks/1/subspaces/S1/episodes", Outage - stopping - TimeSpan.FromSeconds(1));
        await Task.Delay(Outage - stopping);
        var during = await probe;
        Assert.False(during is >= 200 and < 300, $"the API read the episode log without storage: {during}");
        Assert.False(fleet.Silo.HasExited, "the silo exited during the outage");
        Assert.All(fleet.Agents, a => Assert.False(a.HasExited, $"{a.MinerId} exited during the outage:\n{a.Output}"));
        var restartedAt = DateTimeOffset.UtcNow;
        fleet.Storage.Restart();
        var restarting = DateTimeOffset.UtcNow - restartedAt;

        await AcceptedAfter(fleet, restartedAt, 2, TimeSpan.FromMinutes(2));
        Assert.Equal("active", await fleet.Silo.WaitUntilHealthy(TimeSpan.FromSeconds(30)));
        var endedAt = DateTimeOffset.UtcNow;
        StopAgents(fleet);
        var logged = await AssertLoggedExactlyOnce(fleet, 1);
        Assert.All(acknowledged, r => Assert.Single(logged, e => e.MinerId == r.MinerId && e.Subspace == r.Subspace && e.Sequence == r.Sequence));

        // episodes begun before the restart and accepted after it: their uploads (and reports) were held back and retried
        var held = logged.Where(e => e.AcceptedAt > restartedAt && e.AcceptedAt - TimeSpan.FromSeconds(e.Seconds) < restartedAt).ToList();
        var firstAfter = FirstAcceptedAfter(fleet, logged, restartedAt);
        var retries = fleet.Agents.Select(a => Retries(a, stoppedAt, restartedAt)).ToList();
        output.WriteLine(string.Join('\n', fleet.Agents.Select(a => $"{a.MinerId} from the stop on:\n{string.Join('\n', a.Lines.Where(l => l.At > stoppedAt && l.At <= endedAt).Select(l => $"  +{(l.At - stoppedAt).TotalSeconds:F1} s {l.Text}"))}")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Azurite closed {stopping.TotalSeconds:F1} s after SIGTERM, restarted {(restartedAt - stoppedAt).TotalSeconds:F1} s after it, listening {restarting.TotalSeconds:F1} s later; the API answered {during?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} during the outage; " +
            $"first report accepted after the restart: {firstAfter.Min().TotalSeconds:F1} s (per agent {string.Join(", ", firstAfter.Select(t => $"{t.TotalSeconds:F1} s"))}); " +
            $"retries during the outage: {retries.Sum(r => r.Count)} ({string.Join(", ", fleet.Agents.Zip(retries, (a, r) => $"{a.MinerId} {r.Count}"))}); " +
            $"acknowledged before the outage: {acknowledged.Count}, all in the logs once; held through the outage and accepted after it: {held.Count} ({string.Join(", ", held.Select(e => $"{e.MinerId} {e.Subspace} #{e.Sequence} after {e.Seconds:F1} s"))}); " +
            $"episodes accepted after the restart: {logged.Count(e => e.AcceptedAt > restartedAt)}"));
    }

    /// <summary>The status code of a GET of the API, or null when it does not answer within <paramref name="patience"/>.</summary>
    private static async Task<int?> Probe(PoolFleet fleet, string path, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            using var response = await fleet.Api.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);
            return (int)response.StatusCode;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
