using System.Globalization;
using Orleans.Runtime;
using PoNasOrleans.LocalPool;
using Xunit.Abstractions;
using static PoNasOrleans.Pool.Tests.AcceptedEpisodes;

namespace PoNasOrleans.Pool.Tests;

/// <summary>
/// Two silos of one cluster (Azure Table membership on Azurite) and two strong agents given both gateways; one silo
/// is killed with SIGKILL while the agents explore (issue 6). Its grains reactivate on the other silo, the agents keep
/// reporting, and no accepted report is lost or stored twice. Prints the time from the kill to the first accepted
/// report after it and the agents' retries (docs/reliability.md, "Failures").
/// </summary>
[Collection(FaultTests.Name)]
public sealed class SiloKillOnRealProcessesTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["PONAS__POOL__WAITRETRY"] = "00:00:01",
        ["PONAS__POOL__ALLOWCLIENTMANAGEMENT"] = "true",

        // failure detection in seconds rather than Orleans' defaults (probes every 5 s, 3 missed, table read every
        // minute): probes every 2 s, suspected after 2 missed; with two silos the survivor's vote declares the death
        ["PONAS__CLUSTER__MEMBERSHIP__PROBETIMEOUT"] = "00:00:02",
        ["PONAS__CLUSTER__MEMBERSHIP__NUMMISSEDPROBESLIMIT"] = "2",
        ["PONAS__CLUSTER__MEMBERSHIP__TABLEREFRESHTIMEOUT"] = "00:00:05",
    };

    [Fact]
    public async Task A_silo_killed_with_SIGKILL_hands_its_grains_to_the_other_silo_and_no_accepted_report_is_lost()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo, Settings);
        var second = await fleet.AddSilo();

        // the block and beta are made through the second silo's API, alpha through the first's: grains are placed
        // near their first caller, so the two silos both host grains that accept reports
        await fleet.OpenBlock(Block, through: second);
        fleet.StartAgent(Builds.Agent, "alpha", await fleet.Register("alpha", "alpha"), AgentArguments);
        fleet.StartAgent(Builds.Agent, "beta", await fleet.Register("beta", "beta", through: second), AgentArguments);
        await Until(fleet, "two accepted reports of each agent", TimeSpan.FromMinutes(2), () =>
            Task.FromResult(fleet.Agents.All(a => Of(a).Count >= 2) ? "yes" : null));

        var placement = await GrainPlacement.Activations(fleet, fleet.ApiSilo);
        output.WriteLine($"before the kill (API on silo :{fleet.ApiSilo.SiloPort}):\n{GrainPlacement.Describe(placement)}");

        // the silo hosting most subspace and miner grains (those that accept reports), the non-API one on a tie
        var victim = fleet.Silos.OrderByDescending(s => placement.Count(a => a.Silo == s && AcceptsReports(a.Grain))).ThenBy(s => s == fleet.ApiSilo).First();
        var moved = placement.Where(a => a.Silo == victim).Select(a => a.Grain).ToList();
        Assert.Contains(moved, AcceptsReports);
        var survivor = fleet.Silos.Single(s => s != victim);
        var killedAt = DateTimeOffset.UtcNow;
        fleet.KillSilo(victim);

        // every agent has two more reports accepted, through the survivor's gateway, by grains reactivated on it
        await AcceptedAfter(fleet, killedAt, 2, TimeSpan.FromMinutes(2));
        Assert.False(survivor.HasExited);

        // the killed silo's subspace and miner grains are active on the survivor, and nothing is left on the dead one
        var after = await Until(fleet, "the killed silo's grains active on the survivor", TimeSpan.FromMinutes(1), async () =>
        {
            try
            {
                var now = await GrainPlacement.Activations(fleet, survivor);
                return now.All(a => a.Silo == survivor) && moved.Where(AcceptsReports).All(g => now.Any(a => a.Grain == g)) ? now : null;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return null;
            }
        });
        output.WriteLine($"after the kill:\n{GrainPlacement.Describe(after)}");

        var stoppedAt = DateTimeOffset.UtcNow;
        StopAgents(fleet);
        var logged = await AssertLoggedExactlyOnce(fleet, 1);
        var firstAfter = FirstAcceptedAfter(fleet, logged, killedAt);
        var retries = fleet.Agents.Select(a => Retries(a, killedAt, stoppedAt)).ToList();
        output.WriteLine(string.Join('\n', fleet.Agents.Zip(retries, (a, r) => $"{a.MinerId}'s retries after the kill:\n{string.Join('\n', r.Select(l => $"  +{(l.At - killedAt).TotalSeconds:F1} s {l.Text}"))}")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"killed silo :{victim.SiloPort} ({(victim == fleet.Silos[0] ? "the API's" : "not the API's")}), hosting {string.Join(", ", moved)}; " +
            $"first report accepted after the kill: {firstAfter.Min().TotalSeconds:F1} s (per agent {string.Join(", ", firstAfter.Select(t => $"{t.TotalSeconds:F1} s"))}); " +
            $"agent retries after the kill: {retries.Sum(r => r.Count)} ({string.Join(", ", fleet.Agents.Zip(retries, (a, r) => $"{a.MinerId} {r.Count}"))}); " +
            $"episodes accepted before/after the kill: {string.Join(", ", fleet.Agents.Select(a => $"{a.MinerId} {logged.Count(e => e.MinerId == a.MinerId && e.AcceptedAt <= killedAt)}/{logged.Count(e => e.MinerId == a.MinerId && e.AcceptedAt > killedAt)}"))}"));
    }

    /// <summary>Whether a grain takes part in accepting a report: a subspace or a miner.</summary>
    private static bool AcceptsReports(string grain) => grain.StartsWith("subspace/", StringComparison.Ordinal) || grain.StartsWith("miner/", StringComparison.Ordinal);
}
