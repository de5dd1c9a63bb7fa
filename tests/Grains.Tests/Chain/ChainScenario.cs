using System.Text;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Grains.Tests.Chain;

/// <summary>A model a participant commits to and reveals: its bytes, a feasible architecture of the test task, and its commitment.</summary>
internal sealed record ChainModel(string Participant, byte[] Bytes, string Architecture)
{
    public string Commitment => PoNasOrleans.Chain.Commitment.Of(Bytes, Participant);

    public string Sha256 => PoNasOrleans.Chain.Commitment.ModelSha256(Bytes);

    public Reveal RevealAt(long height, double claimedAccuracy) => new(height, Participant, Commitment, Sha256, Architecture, claimedAccuracy);
}

/// <summary>
/// Heights of the devnet chain for the grain tests, on the silo's real clock: each test opens its own height (from
/// <see cref="FirstHeight"/> on, far above the devnet's own heights) with deadlines a few seconds from now, and waits
/// for them to pass.
/// </summary>
internal sealed class ChainScenario(PoolCluster pool)
{
    /// <summary>A training phase long enough for a test's commitments on a busy machine, short enough to wait for.</summary>
    public static readonly TimeSpan Training = TimeSpan.FromSeconds(3);

    /// <summary>The validation phase of the tests' heights.</summary>
    public static readonly TimeSpan Validation = TimeSpan.FromSeconds(2);

    public static readonly DatasetRef TrainingData = new("synth:train?seed=1&count=10", new string('a', 64));

    public static readonly DatasetRef TestSplit = new("synth:test?seed=2&count=10", new string('b', 64));

    private const long FirstHeight = 1_000_000;

    private static long nextHeight = FirstHeight;

    public DevnetChainClient Client => new(pool.Operator);

    public static long NextHeight() => Interlocked.Increment(ref nextHeight);

    /// <summary>The test task: two layers of the paper's full space, the tiled FPGA model, tolerance 0.01, at most 3 commitments each.</summary>
    public static ChainTask Task(long height, DateTimeOffset trainingDeadline, TimeSpan validation) => new(
        height, SpaceJson.Write(PresetCatalog.Paper.Full), Layers: 2, FpgaModel: "tiled", LutLimit: 100_000, MinThroughput: 10, Epochs: 1,
        TrainingData, trainingDeadline - TimeSpan.FromMinutes(1), trainingDeadline, trainingDeadline + validation, CommitmentCap: 3, AccuracyTolerance: 0.01);

    /// <summary>The devnet's schedule for the tests: the test task's template with the given phases, a synthetic test split of 10 images per height.</summary>
    public static DevnetSchedule Schedule(TimeSpan training, TimeSpan validation, TimeSpan? tick = null) => new(
        training, validation, tick ?? TimeSpan.FromMilliseconds(200), SpaceJson.Write(PresetCatalog.Paper.Full), 2, "tiled", 100_000, 10, 1,
        TrainingData, 3, 0.01, TestSplit: null, TestSeed: 7, TestImages: 10);

    /// <summary>A feasible model of the test task for a participant (different seeds give different bytes and architectures).</summary>
    public static ChainModel Model(string participant, ulong seed) => new(
        participant,
        Encoding.UTF8.GetBytes($"model of {participant}, seed {seed}, {Guid.NewGuid():N}"),
        ArchitectureJson.Write(PoolScenario.Sample(PresetCatalog.Paper.Full, 2, seed, feasible: true)));

    public IHeightGrain Height(long height) => pool.Operator.GetGrain<IHeightGrain>(height);

    /// <summary>Opens a fresh height whose training deadline is <see cref="Training"/> from now.</summary>
    public async Task<ChainTask> Open()
    {
        var task = Task(NextHeight(), DateTimeOffset.UtcNow + Training, Validation);
        await Height(task.Height).Open(task, TestSplit);
        return task;
    }

    /// <summary>A registered miner as its agent calls it (a validator needs no calibration).</summary>
    public async Task<TestMiner> Validator()
    {
        var id = $"v-{Guid.NewGuid():N}";
        var credential = await pool.Operator.GetGrain<IMinerGrain>(id).Register(new MinerProfile("validator", "cpu"));
        return new TestMiner(id, pool.Agent.GetGrain<IMinerGrain>(id), credential.Secret);
    }

    /// <summary>Waits until a moment of the silo's clock (the same machine's) has passed.</summary>
    public static async Task Until(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50);
        if (wait > TimeSpan.Zero)
        {
            await System.Threading.Tasks.Task.Delay(wait);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> probe, TimeSpan timeout, string what)
    {
        var end = DateTimeOffset.UtcNow + timeout;
        while (!await probe())
        {
            Assert.True(DateTimeOffset.UtcNow < end, $"{what} did not happen within {timeout.TotalSeconds} s");
            await System.Threading.Tasks.Task.Delay(100);
        }
    }
}
