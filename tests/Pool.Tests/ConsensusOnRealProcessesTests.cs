using System.Diagnostics;
using System.Text.Json;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Pool.Tests;

/// <summary>
/// A whole height of the chain on real processes: Azurite, one silo running the devnet and a pool that follows it,
/// a mining agent training tiny networks, and a validator agent. The pool commits before the training deadline,
/// its miner measures the committed models on the released test split, the pool reveals, the validator re-measures,
/// the pool wins and the reward is credited once.
/// </summary>
public sealed class ConsensusOnRealProcessesTests
{
    private const long Reward = 1_000_003;
    private const long Fee = 25_000; // 2.5 % of the reward, rounded down

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["PONAS__POOL__WAITRETRY"] = "00:00:01",
        ["PONAS__DEVNET__ENABLED"] = "true",
        ["PONAS__DEVNET__TRAININGPHASE"] = "00:01:00",
        ["PONAS__DEVNET__VALIDATIONPHASE"] = "00:00:25",
        ["PONAS__DEVNET__TICKPERIOD"] = "00:00:01",
        ["PONAS__DEVNET__LAYERS"] = "3",
        ["PONAS__DEVNET__EPOCHS"] = "1",
        ["PONAS__DEVNET__TRAINIMAGES"] = "270",
        ["PONAS__DEVNET__TESTIMAGES"] = "100",
        ["PONAS__CONSENSUS__FOLLOW"] = "true",
        ["PONAS__CONSENSUS__COMMITMARGIN"] = "00:00:10",
        ["PONAS__CONSENSUS__TICK"] = "00:00:01",
        ["PONAS__CONSENSUS__TRAINIMAGES"] = "270",
        ["PONAS__CONSENSUS__PARTITIONER"] = "balanced",
        ["PONAS__CONSENSUS__SUBSPACES"] = "2",
        ["PONAS__CONSENSUS__EPISODESPERSUBSPACE"] = "3",
        ["PONAS__CONSENSUS__EXPLOITEPOCHS"] = "1",
        ["PONAS__CONSENSUS__BLOCKREWARD"] = Reward.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PONAS__CONSENSUS__POOLFEEBASISPOINTS"] = "250",
    };

    [Fact]
    public async Task The_pool_commits_measures_reveals_wins_the_height_and_credits_its_miner_once()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo, Settings);
        var (miner, validator) = await StartAgents(fleet);

        var consensus = await Until(fleet, "/api/blocks/1/consensus", c => c.GetProperty("credited").GetBoolean(), TimeSpan.FromMinutes(4));
        Assert.True(consensus.GetProperty("won").GetBoolean());
        var commitments = consensus.GetProperty("commitments").EnumerateArray().ToList();
        Assert.NotEmpty(commitments);
        Assert.All(commitments, c => Assert.True(c.GetProperty("sent").GetBoolean() && c.GetProperty("revealed").GetBoolean()));
        Assert.Equal("alpha", consensus.GetProperty("measurer").GetString());

        var height = await fleet.Get("/api/chain/heights/1");
        Assert.Equal("pool", height.GetProperty("winner").GetProperty("reveal").GetProperty("participant").GetString());
        var winning = consensus.GetProperty("outcome").GetProperty("winningCommitment").GetString();
        var won = commitments.Single(c => c.GetProperty("commitment").GetString() == winning);
        Assert.Equal(won.GetProperty("accuracy").GetDouble(), consensus.GetProperty("outcome").GetProperty("measuredAccuracy").GetDouble(), 2);

        var credits = await fleet.Get("/api/ledger/miners/alpha");
        var credit = Assert.Single(credits.GetProperty("credits").EnumerateArray(), c => c.GetProperty("height").GetInt64() == 1);
        Assert.Equal(Reward - Fee, credit.GetProperty("amount").GetInt64());
        Assert.True(credit.GetProperty("finder").GetBoolean());
        var block = Assert.Single((await fleet.Get("/api/ledger/blocks")).EnumerateArray(), b => b.GetProperty("height").GetInt64() == 1);
        Assert.Equal((Reward, Fee), (block.GetProperty("reward").GetInt64(), block.GetProperty("poolFee").GetInt64()));
        Assert.Contains("held", validator.Output, StringComparison.Ordinal);
        Assert.False(miner.HasExited, miner.Output);
    }

    [Fact]
    public async Task A_silo_killed_between_commit_and_reveal_loses_nothing_and_finishes_the_height_after_its_restart()
    {
        using var fleet = await PoolFleet.Start(Builds.Silo, Settings);
        var (miner, _) = await StartAgents(fleet);
        var committed = await Until(fleet, "/api/blocks/1/consensus", c => c.GetProperty("stage").GetString() is "Committed" or "Measuring", TimeSpan.FromMinutes(3));
        var sent = Commitments(committed);
        Assert.NotEmpty(sent);

        await fleet.KillAndRestartSilo();

        var consensus = await Until(fleet, "/api/blocks/1/consensus", c => c.GetProperty("credited").GetBoolean(), TimeSpan.FromMinutes(4));
        Assert.True(consensus.GetProperty("won").GetBoolean());
        Assert.Equal(sent, Commitments(consensus));
        var height = await fleet.Get("/api/chain/heights/1");
        Assert.Equal(sent, height.GetProperty("commitments").EnumerateArray().Where(c => c.GetProperty("participant").GetString() == "pool").Select(c => c.GetProperty("hash").GetString()).ToList());
        var credit = Assert.Single((await fleet.Get("/api/ledger/miners/alpha")).GetProperty("credits").EnumerateArray(), c => c.GetProperty("height").GetInt64() == 1);
        Assert.Equal(Reward - Fee, credit.GetProperty("amount").GetInt64());
        Assert.False(miner.HasExited, miner.Output);
    }

    /// <summary>A mining agent "alpha" and a validator agent "judge".</summary>
    private static async Task<(AgentProcess Miner, AgentProcess Validator)> StartAgents(PoolFleet fleet) => (
        fleet.StartAgent(Builds.Agent, "alpha", await fleet.Register("alpha", "alpha"), ["--dataset", "synth", "--synth-images", "300", "--threads", "1", "--batch-size", "64", "--heartbeat", "1"]),
        fleet.StartAgent(Builds.Agent, "judge", await fleet.Register("judge", "judge"), ["--idle", "1", "--threads", "1"], command: "validate"));

    private static List<string?> Commitments(JsonElement consensus) =>
        [.. consensus.GetProperty("commitments").EnumerateArray().Where(c => c.GetProperty("sent").GetBoolean()).Select(c => c.GetProperty("commitment").GetString())];

    private static async Task<JsonElement> Until(PoolFleet fleet, string path, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await fleet.Api.GetAsync(new Uri(path, UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                if (condition(json))
                {
                    return json;
                }
            }

            if (clock.Elapsed > timeout || fleet.Agents.Any(a => a.HasExited))
            {
                Assert.Fail($"{path} did not reach the expected state within {timeout}:\n{await response.Content.ReadAsStringAsync()}\n\n{string.Join("\n\n", fleet.Agents.Select(a => a.Output))}");
            }

            await Task.Delay(1000);
        }
    }
}
