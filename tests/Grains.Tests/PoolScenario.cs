using PoNasOrleans.Grains.Blocks;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Grains.Tests;

/// <summary>A miner as a test drives it: its agent-side grain reference and its credential.</summary>
internal sealed record TestMiner(string Id, IMinerGrain Grain, string Secret)
{
    public Task<WorkItem> Pull() => Grain.PullWork(Secret);

    public Task<EpisodeReceipt> Report(EpisodeSubmission report) => Grain.Report(Secret, report);
}

/// <summary>Blocks, miners and honest episode reports (with real blob uploads through the issued links) for the grain tests.</summary>
internal sealed class PoolScenario(PoolCluster pool)
{
    /// <summary>Training images per epoch of the test task.</summary>
    public const int TrainImages = 100;

    public static BlockTask Task(long height, int episodes = 3, string partitioner = BlockPartition.Paper, ulong seed = 7, int layers = 2, double minThroughput = 10) => new(
        height, SpaceJson.Write(PresetCatalog.Paper.Full), layers, FpgaModel: "tiled", LutLimit: 100_000, minThroughput, Epochs: 1,
        TrainImages, partitioner, Subspaces: 9, seed, episodes, TimeSpan.FromHours(1), EpisodeTimeBudget: null, ExploitEpochs: 2);

    public Task<BlockSummary> Open(BlockTask task) => pool.Operator.GetGrain<IPoolGrain>(IPoolGrain.Key).OpenBlock(task);

    public async Task<BlockSummary> OpenNext(int episodes = 3, double minThroughput = 10) => await Open(Task(PoolCluster.NextHeight(), episodes, minThroughput: minThroughput));

    /// <summary>A registered (by the operator) and calibrated (by the agent) miner; strong at 100 images/s, weak at 0.5 × 0.1.</summary>
    public async Task<TestMiner> Miner(bool strong = true)
    {
        var id = $"m-{Guid.NewGuid():N}";
        var credential = await pool.Operator.GetGrain<IMinerGrain>(id).Register(new MinerProfile(id[..10], "cpu"));
        var agent = pool.Agent.GetGrain<IMinerGrain>(id);
        await agent.Calibrate(credential.Secret, strong ? new MinerStrength(100, 1) : new MinerStrength(0.5, 0.1));
        return new TestMiner(id, agent, credential.Secret);
    }

    /// <summary>An honest report of an episode of the item: a feasible architecture of its subspace (or the base's neighbour), the pool's own estimate, uploads through the links.</summary>
    public static Task<EpisodeSubmission> Episode(WorkItem item, double reward, bool withModel = false, ulong seed = 1, double seconds = 2.5) =>
        HonestEpisode.Report(item, reward, TrainImages, seed, withModel, seconds);

    public static FpgaEstimate Estimate(Architecture architecture, double minThroughput = 10) => FpgaCostModels.Get("tiled").Estimate(architecture, new FpgaConstraints(100_000, minThroughput));

    /// <summary>The first sampled architecture whose feasibility is <paramref name="feasible"/>; fails after 100,000 samples.</summary>
    public static Architecture Sample(SearchSpace space, int layers, ulong seed, bool feasible, double minThroughput = 10)
    {
        var random = new SeededRandom(seed);
        for (var i = 0; i < 100_000; i++)
        {
            var architecture = space.SampleArchitecture(layers, random);
            if (Estimate(architecture, minThroughput).Feasible == feasible)
            {
                return architecture;
            }
        }

        throw new InvalidOperationException($"no {(feasible ? "feasible" : "infeasible")} {layers}-layer architecture in 100,000 samples of {space}");
    }

    public static Task<BlobRef> Upload(Uri link, string name, string content) => HonestEpisode.Upload(link, name, content);
}
