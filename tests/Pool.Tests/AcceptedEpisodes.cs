using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Pool.Tests;

/// <summary>The fault tests (docs/reliability.md, "Failures") run alone: their timings would suffer from other pools on the same cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultTests
{
    public const string Name = "faults on real processes";
}

/// <summary>A report an agent logged as accepted by the pool, and when the test read that line.</summary>
internal sealed record AcceptedReport(string MinerId, long Height, string Subspace, long Sequence, DateTimeOffset At);

/// <summary>An entry of a subspace's episode log: whose, where, its sequence number, when the pool accepted it and the episode's wall-clock seconds (training and uploads).</summary>
internal sealed record LoggedEpisode(string MinerId, string Subspace, long Index, long Sequence, DateTimeOffset AcceptedAt, double Seconds);

/// <summary>
/// The fault tests' bookkeeping: the block they mine, the reports each agent logged as accepted (and when), its
/// retries (Polly's "retry N in …" lines), and the check that the pool's episode logs hold every accepted report
/// exactly once.
/// </summary>
internal static partial class AcceptedEpisodes
{
    /// <summary>Arguments of the agents: tiny synthetic data, one thread, a heartbeat a second.</summary>
    public static readonly string[] AgentArguments = ["--dataset", "synth", "--synth-images", "300", "--threads", "1", "--batch-size", "64", "--heartbeat", "1"];

    /// <summary>Block 1 with two subspaces that stay open for exploring all along (500 episodes each, an hour).</summary>
    public static readonly object Block = new
    {
        height = 1, space = SpaceJson.Write(PresetCatalog.Paper.Full), layers = 3, fpgaModel = "tiled", lutLimit = 100_000, minThroughput = 10.0,
        epochs = 1, trainImages = 270, partitioner = "balanced", subspaces = 2, seed = 3, episodesPerSubspace = 500,
        trainingPhase = "01:00:00", exploitEpochs = 1,
    };

    /// <summary>The reports <paramref name="agent"/> logged as accepted so far (MinerLoop: "explore 1/S2 #7: reward …").</summary>
    public static IReadOnlyList<AcceptedReport> Of(AgentProcess agent) => [.. agent.Lines
        .Select(line => (line.At, Match: AcceptedLine().Match(line.Text)))
        .Where(l => l.Match.Success)
        .Select(l => new AcceptedReport(agent.MinerId, long.Parse(l.Match.Groups[1].Value, CultureInfo.InvariantCulture), l.Match.Groups[2].Value,
            long.Parse(l.Match.Groups[3].Value, CultureInfo.InvariantCulture), l.At))];

    /// <summary>The retries (of pool calls, PoolRetry's "retry N in …" lines) <paramref name="agent"/> logged between two times.</summary>
    public static IReadOnlyList<AgentLine> Retries(AgentProcess agent, DateTimeOffset from, DateTimeOffset to) =>
        [.. agent.Lines.Where(l => l.At > from && l.At <= to && l.Text.StartsWith("retry ", StringComparison.Ordinal))];

    /// <summary>Every entry of the block's episode logs, subspace by subspace in log order.</summary>
    public static async Task<IReadOnlyList<LoggedEpisode>> Logged(PoolFleet fleet, long height)
    {
        var logged = new List<LoggedEpisode>();
        foreach (var subspace in (await fleet.Get($"/api/blocks/{height}/subspaces")).EnumerateArray())
        {
            var name = subspace.GetProperty("name").GetString()!;
            logged.AddRange((await fleet.Get($"/api/blocks/{height}/subspaces/{name}/episodes?take=1000")).EnumerateArray().Select(e => new LoggedEpisode(
                e.GetProperty("minerId").GetString()!, name, e.GetProperty("index").GetInt64(), e.GetProperty("report").GetProperty("sequence").GetInt64(),
                e.GetProperty("acceptedAt").GetDateTimeOffset(), e.GetProperty("report").GetProperty("seconds").GetDouble())));
        }

        return logged;
    }

    /// <summary>Per agent, when the pool accepted its first report after <paramref name="time"/> (from the logs' acceptance times: a line read just after a time may tell of an earlier acceptance).</summary>
    public static IReadOnlyList<TimeSpan> FirstAcceptedAfter(PoolFleet fleet, IEnumerable<LoggedEpisode> logged, DateTimeOffset time) =>
        [.. fleet.Agents.Select(a => logged.Where(e => e.MinerId == a.MinerId && e.AcceptedAt > time).Min(e => e.AcceptedAt) - time)];

    /// <summary>
    /// Waits until the logs hold at least <paramref name="count"/> episodes of every agent accepted after
    /// <paramref name="time"/>; the API's errors meanwhile (its grains are moving or storage is away) are waited out.
    /// </summary>
    public static Task AcceptedAfter(PoolFleet fleet, DateTimeOffset time, int count, TimeSpan timeout) =>
        Until(fleet, $"{count} episodes of every agent accepted after {time:HH:mm:ss.fff}", timeout, async () =>
        {
            try
            {
                var logged = await Logged(fleet, 1);
                return fleet.Agents.All(a => logged.Count(e => e.MinerId == a.MinerId && e.AcceptedAt > time) >= count) ? logged : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        });

    /// <summary>
    /// The block's episode logs hold every report the agents logged as accepted exactly once, and nothing else: each
    /// subspace's log is indexed 1…N and matches its episode counter, each miner's sequence numbers in each subspace are
    /// 1…n in order (retries never stored twice), each miner's episode count equals its entries in the logs, and no
    /// agent had a report refused (a refused report is dropped: its episode would be lost).
    /// Call it after the agents stopped (every report they finished was acknowledged or they would not have left).
    /// </summary>
    public static async Task<IReadOnlyList<LoggedEpisode>> AssertLoggedExactlyOnce(PoolFleet fleet, long height)
    {
        var logged = await Logged(fleet, height);
        foreach (var subspace in (await fleet.Get($"/api/blocks/{height}/subspaces")).EnumerateArray())
        {
            var log = logged.Where(e => e.Subspace == subspace.GetProperty("name").GetString()).ToList();
            Assert.Equal(subspace.GetProperty("episodes").GetInt64(), log.Count);
            Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Index));
            foreach (var miner in log.GroupBy(e => e.MinerId))
            {
                Assert.Equal(Enumerable.Range(1, miner.Count()).Select(i => (long)i), miner.Select(e => e.Sequence));
            }
        }

        foreach (var agent in fleet.Agents)
        {
            Assert.DoesNotContain(agent.Lines, l => l.Text.StartsWith("refused (", StringComparison.Ordinal));
            var accepted = Of(agent).Where(r => r.Height == height).Select(r => (r.Subspace, r.Sequence)).ToList();
            Assert.Equal(accepted.Distinct().Count(), accepted.Count);
            Assert.Equal(accepted.Order(), logged.Where(e => e.MinerId == agent.MinerId).Select(e => (e.Subspace, e.Sequence)).Order());
        }

        foreach (var miner in (await fleet.Get("/api/miners")).EnumerateArray())
        {
            var (id, episodes) = (miner.GetProperty("minerId").GetString(), miner.GetProperty("episodes").GetInt64());
            Assert.True(logged.Count(e => e.MinerId == id) == episodes, $"miner {id} counts {episodes} episodes, the logs hold {logged.Count(e => e.MinerId == id)}");
        }

        return logged;
    }

    /// <summary>Polls <paramref name="read"/> until it returns a value; fails after <paramref name="timeout"/> or as soon as an agent exited.</summary>
    public static async Task<T> Until<T>(PoolFleet fleet, string what, TimeSpan timeout, Func<Task<T?>> read)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }

            if (clock.Elapsed > timeout || fleet.Agents.Any(a => a.HasExited))
            {
                Assert.Fail($"{what}: not within {clock.Elapsed:g}{(fleet.Agents.Any(a => a.HasExited) ? " (an agent exited)" : "")}:\n{Outputs(fleet)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Every agent's output, under its id.</summary>
    public static string Outputs(PoolFleet fleet) => string.Join("\n\n", fleet.Agents.Select(a => $"{a.MinerId}:\n{a.Output}"));

    /// <summary>Stops every agent with SIGTERM (each sends its finished report and leaves) and checks that each left with exit code 0.</summary>
    public static void StopAgents(PoolFleet fleet)
    {
        foreach (var agent in fleet.Agents)
        {
            Assert.False(agent.HasExited, $"{agent.MinerId} exited before it was stopped:\n{agent.Output}");
        }

        Parallel.ForEach(fleet.Agents, agent => Assert.True(agent.Terminate(TimeSpan.FromSeconds(90)), $"{agent.MinerId} did not stop:\n{agent.Output}"));
        Assert.All(fleet.Agents, agent => Assert.True(agent.ExitCode == 0, $"{agent.MinerId} exited with {agent.ExitCode}:\n{agent.Output}"));
    }

    [GeneratedRegex(@"^(?:explore|exploit) (\d+)/(\S+) #(\d+): reward ")]
    private static partial Regex AcceptedLine();
}
