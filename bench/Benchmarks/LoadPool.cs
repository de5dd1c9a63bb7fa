using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using PoNasOrleans.Grains.Interfaces.Blocks;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.LocalPool;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;

namespace PoNasOrleans.Benchmarks;

/// <summary>
/// One pool for a load run: Azurite (in memory: see <see cref="Azurite"/>) and one silo process (<see cref="PoolFleet"/>), one block open, the miners
/// registered through the operator's API and calibrated through ONE Orleans client that all simulated miners share
/// (static clustering to the gateway, as agents connect).
/// </summary>
internal sealed class LoadPool : IAsyncDisposable
{
    /// <summary>Training images per epoch of the load task.</summary>
    public const int TrainImages = 1000;

    private const int RegistrationParallelism = 16;
    private const int CallParallelism = 256;
    private const int CalibrationAttempts = 5;

    /// <summary>How long one request to the pool's API may take when the counts are read at the end.</summary>
    private static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The silo's settings for a load run: Orleans' messaging warnings (one for every expired message, with its
    /// diagnostics) are left out, because an overloaded silo writes gigabytes of them; the timed-out calls are
    /// still logged by Orleans.Runtime.CallbackData.
    /// </summary>
    private static readonly Dictionary<string, string> SiloSettings = new() { ["PONAS__LOGGING__LOGLEVEL__ORLEANS.MESSAGING"] = "Error" };

    private readonly IHost client;

    private LoadPool(PoolFleet fleet, IHost client, IReadOnlyList<SimulatedMiner> miners, TimeSpan registration, TimeSpan calibration)
    {
        Fleet = fleet;
        this.client = client;
        Miners = miners;
        Registration = registration;
        Calibration = calibration;
    }

    public PoolFleet Fleet { get; }

    public IReadOnlyList<SimulatedMiner> Miners { get; }

    /// <summary>How long registering every miner through the API took.</summary>
    public TimeSpan Registration { get; }

    /// <summary>How long calibrating every miner through the gateway took.</summary>
    public TimeSpan Calibration { get; }

    /// <summary>
    /// The load task: the paper's space split into its nine subspaces, 6 layers, the paper's FPGA constraints, and an
    /// exploration budget so large (a million episodes of 1 epoch × 1,000 images per subspace in a day: 11,574
    /// images/s) that only the strong simulated miners explore and nobody runs out of work.
    /// </summary>
    public static BlockTask LoadTask { get; } = new(
        1, SpaceJson.Write(PresetCatalog.Paper.Full), Layers: 6, FpgaModel: "tiled", LutLimit: 100_000, MinThroughput: 10, Epochs: 1, TrainImages,
        Partitioner: "paper", Subspaces: 9, Seed: 2022, EpisodesPerSubspace: 1_000_000, TrainingPhase: TimeSpan.FromDays(1), EpisodeTimeBudget: null, ExploitEpochs: 2);

    /// <summary>Starts the pool, opens the block, registers and calibrates <paramref name="miners"/> miners (one strong miner per subspace, the rest weak).</summary>
    public static async Task<LoadPool> Start(int miners, string? storageLog = null)
    {
        Progress.Report($"starting Azurite and a silo for {miners:N0} miners");
        var fleet = await PoolFleet.Start(Builds.Silo, SiloSettings, storageLog: storageLog, inMemoryStorage: true);
        IHost? host = null;
        try
        {
            var block = await fleet.OpenBlock(LoadTask);
            var strong = Math.Min(miners, block.GetProperty("subspaces").GetArrayLength());
            var ids = Enumerable.Range(1, miners).Select(i => $"m-{i.ToString("D6", CultureInfo.InvariantCulture)}").ToArray();
            var credentials = new string[miners];
            Progress.Report("registering the miners");
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, miners), new ParallelOptions { MaxDegreeOfParallelism = RegistrationParallelism }, async (i, _) =>
                credentials[i] = await fleet.Register(ids[i], $"load miner {i + 1}"));
            var registration = clock.Elapsed;

            host = await Connect(fleet);
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var simulated = ids.Select((id, i) => new SimulatedMiner(id, credentials[i], grains.GetGrain<IMinerGrain>(id), strong: i < strong, seed: (ulong)i + 1)).ToList();
            Progress.Report("calibrating the miners");
            clock.Restart();
            await Parallel.ForEachAsync(simulated, new ParallelOptions { MaxDegreeOfParallelism = CallParallelism }, async (miner, _) => await Calibrate(miner));
            return new LoadPool(fleet, host, simulated, registration, clock.Elapsed);
        }
        catch
        {
            host?.Dispose();
            fleet.Dispose();
            throw;
        }
    }

    /// <summary>One exploration by every strong miner, so that confirmed architectures exist for the weak ones to exploit.</summary>
    public async Task Prime(LoadRecorder recorder) =>
        await Task.WhenAll(Miners.Where(m => m.Strong).Select(m => m.Episode(recorder, TrainImages, reward: 0.5)));

    /// <summary>What the pool itself counted, from its API: accepted episodes and refusals of the block's subspaces, stored heartbeats and refused calls of the miners.</summary>
    public async Task<PoolCounts> Counts()
    {
        long episodes = 0, subspaceRefusals = 0, heartbeats = 0, minerRefusals = 0, miners = 0;
        foreach (var subspace in (await Fleet.Get($"/api/blocks/{LoadTask.Height}/subspaces").WaitAsync(ApiTimeout)).EnumerateArray())
        {
            episodes += subspace.GetProperty("episodes").GetInt64();
            subspaceRefusals += subspace.GetProperty("refusals").EnumerateObject().Sum(r => r.Value.GetInt64());
        }

        string? after = null;
        while (true)
        {
            var page = await Fleet.Get("/api/miners?take=1000" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}")).WaitAsync(ApiTimeout);
            foreach (var miner in page.EnumerateArray())
            {
                heartbeats += miner.GetProperty("heartbeats").GetInt64();
                minerRefusals += miner.GetProperty("refusedCalls").GetInt64();
                miners++;
                after = miner.GetProperty("minerId").GetString();
            }

            if (page.GetArrayLength() < 1000)
            {
                return new PoolCounts(episodes, subspaceRefusals, heartbeats, minerRefusals, miners);
            }
        }
    }

    /// <summary>CPU time used so far by this process, the silo, Azurite and the machine.</summary>
    public CpuSnapshot CpuTime() => CpuSnapshot.Take(Fleet.Silo.ProcessId, Fleet.Storage.ProcessId);

    public async ValueTask DisposeAsync()
    {
        Progress.Report("stopping the client, the silo and Azurite");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await client.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // the silo did not answer the client's goodbye in time: it is stopped next anyway
            }
        }

        client.Dispose();
        Fleet.Dispose();
    }

    /// <summary>Calibrates a miner, trying again after a timeout as an agent does (calibration is idempotent).</summary>
    private static async Task Calibrate(SimulatedMiner miner)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await miner.Calibrate();
                return;
            }
            catch (TimeoutException) when (attempt < CalibrationAttempts)
            {
                // the pool is busy: try again
            }
        }
    }

    private static async Task<IHost> Connect(PoolFleet fleet)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(orleans =>
        {
            orleans.UseStaticClustering(IPEndPoint.Parse(fleet.Gateway));
            orleans.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = fleet.ClusterId;
                options.ServiceId = "ponas";
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

/// <summary>The pool's own counts at the end of a run (from its API).</summary>
/// <param name="Episodes">Episodes the block's subspaces accepted.</param>
/// <param name="SubspaceRefusals">Reports the subspaces refused.</param>
/// <param name="Heartbeats">Heartbeats the miners stored.</param>
/// <param name="MinerRefusals">Calls the miners refused.</param>
/// <param name="Miners">Registered miners.</param>
internal sealed record PoolCounts(long Episodes, long SubspaceRefusals, long Heartbeats, long MinerRefusals, long Miners);
