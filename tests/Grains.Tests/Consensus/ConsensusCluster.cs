using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PoNasOrleans.Grains.Chain;
using PoNasOrleans.Grains.Consensus;

namespace PoNasOrleans.Grains.Tests.Consensus;

/// <summary>
/// A cluster whose silo runs the devnet chain (phases of seconds) and whose pool follows it: a block and the pool's
/// consensus for each height the devnet publishes, on a real Azurite.
/// </summary>
public sealed class ConsensusCluster : PoolCluster
{
    /// <summary>The devnet's phases and task: two layers of the paper's space, tiny budgets.</summary>
    public static readonly DevnetOptions Devnet = new()
    {
        Enabled = true,
        TrainingPhase = TimeSpan.FromSeconds(8),
        ValidationPhase = TimeSpan.FromSeconds(4),
        TickPeriod = TimeSpan.FromMilliseconds(300),
        Layers = 2,
        Epochs = 1,
        TrainImages = PoolScenario.TrainImages,
        TestImages = 50,
    };

    /// <summary>The pool's part: commit 3 s before the training deadline, advance every 300 ms.</summary>
    public static readonly ConsensusOptions Pool = new()
    {
        Follow = true,
        CommitMargin = TimeSpan.FromSeconds(3),
        Tick = TimeSpan.FromMilliseconds(300),
        TrainImages = PoolScenario.TrainImages,
        EpisodesPerSubspace = 3,
        ExploitEpochs = 2,
        BlockReward = 1_000_003,
        PoolFeeBasisPoints = 250,
        FinderBonusBasisPoints = 1_000,
    };

    protected override ISiloBuilder Configure(ISiloBuilder silo, string connection) =>
        silo.AddPool(new TableServiceClient(connection), new BlobServiceClient(connection), options => options.AllowClientManagement = true, Devnet, Pool);
}

[CollectionDefinition(Name)]
public sealed class SharedConsensusCluster : ICollectionFixture<ConsensusCluster>
{
    public const string Name = "consensus cluster";
}
