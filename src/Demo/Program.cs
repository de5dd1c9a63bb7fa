using System.Diagnostics;
using System.Text.Json;
using PoNasOrleans.Demo;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

// The newcomer's demo: Azurite, one silo and four agents (two strong, two weak with a 0.1 time budget) mine one
// block over the paper's subspaces S1–S9 on the synthetic data set, with a live leaderboard and a closing summary.
var clock = Stopwatch.StartNew();
var output = Console.Out;
void Log(string line) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,5:F0} s] {line}");

Log("starting Azurite and the silo …");
using var fleet = await PoolFleet.Start(
    Builds.Silo,
    new Dictionary<string, string>
    {
        ["PONAS__POOL__WAITRETRY"] = "00:00:02",
        ["PONAS__POOL__HEARTBEATINTERVAL"] = "00:00:03",
        ["PONAS__SUPERVISOR__ENABLED"] = "true", // the reward groups and deviation (Figure 4) on the dashboard, and backups
        ["PONAS__SUPERVISOR__PERIOD"] = "00:00:03",
    });
Log($"pool API: {fleet.Api.BaseAddress}api/blocks/current (also /api/miners, /api/blocks/1/subspaces); gateway {fleet.Gateway}");
Log($"dashboard: {fleet.Api.BaseAddress}dashboard/ (open it in a browser: it follows the block live)");

var miners = new (string Id, double Factor)[] { ("strong-1", 1), ("strong-2", 1), ("weak-1", 0.1), ("weak-2", 0.1) };
var agentDll = Builds.Agent;
foreach (var (id, factor) in miners)
{
    var credential = await fleet.Register(id, id);
    fleet.StartAgent(agentDll, id, credential, [
        "--dataset", "synth", "--synth-images", $"{DemoSettings.SynthImages}", "--seed", "1", "--threads", "1", "--batch-size", "64",
        "--heartbeat", "3", "--time-budget-factor", $"{factor}",
    ], line => Log(line));
}

Log("agents calibrate (one epoch of a reference network) …");
var fastest = await LiveBoard.WaitForCalibration(fleet, miners.Length, TimeSpan.FromMinutes(5));
var phase = DemoSettings.TrainingPhase(fastest);
var task = new
{
    height = 1,
    space = SpaceJson.Write(PresetCatalog.Paper.Full),
    layers = DemoSettings.Layers,
    fpgaModel = "tiled",
    lutLimit = 100_000,
    minThroughput = 10.0,
    epochs = DemoSettings.Epochs,
    trainImages = DemoSettings.TrainImages,
    partitioner = "paper",
    subspaces = 9,
    seed = 1,
    episodesPerSubspace = DemoSettings.EpisodesPerSubspace,
    trainingPhase = phase.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    episodeTimeBudget = DemoSettings.EpisodeTimeBudget.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    exploitEpochs = DemoSettings.ExploitEpochs,
};
var block = await fleet.OpenBlock(task);
Log($"block 1 open: 9 subspaces, {DemoSettings.EpisodesPerSubspace} explorations each, training phase {phase.TotalSeconds:F0} s; " +
    $"strong miners need {block.GetProperty("task").GetProperty("strongImagesPerSecond").GetDouble():F0} effective images/s (fastest: {fastest:F0})");

await LiveBoard.Follow(fleet, output, clock, TimeSpan.FromSeconds(10));
Log("stopping the agents (SIGTERM: they report and leave) …");
await LiveBoard.StopAgents(fleet);
await BlockSummary.Print(fleet, output);
Log("done");
return 0;
