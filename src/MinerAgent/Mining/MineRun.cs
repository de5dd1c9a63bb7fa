using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PoNasOrleans.Datasets;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.MinerAgent.Cli;
using PoNasOrleans.Telemetry;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>One <c>ponas mine</c> invocation: data and torch, the pool connection, signals and eviction notices, the loop.</summary>
internal sealed class MineRun(CliConsole console, MinerSettings settings, PoolAddress pool, string? storageConnection, TelemetryOptions? telemetry = null)
{
    public int Execute(Func<ImageSet> loadTraining, double validationFraction, ulong seed, TorchRuntimeOptions runtime)
    {
        var log = console.Error;
        var split = TrainValidationSplit.Of(loadTraining(), validationFraction, seed);
        var device = TorchRuntime.Configure(runtime);
        using var train = ImageTensors.From(split.Train, device);
        using var validation = ImageTensors.From(split.Validation, device);
        log.WriteLine($"miner '{settings.MinerId}' on {device.type}: {split.Train.Count} training and {split.Validation.Count} validation images; pool {pool}");

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var eviction = settings.ScheduledEvents is { } endpoint ? new EvictionNotice(endpoint, http, log) : null;
        using var watching = new CancellationTokenSource();
        var watcher = eviction?.Watch(stop, watching.Token) ?? Task.CompletedTask;
        using var host = PoolConnection.Create(pool, log, settings.MinerId, telemetry);
        var standby = new StandbyCheckpoint(log);
        using var runner = new EpisodeRunner(train, validation, device, settings, standby, log);
        using var measurer = new TestSplitMeasurer(new TrainingOptions(BatchSize: settings.BatchSize, Quantization: settings.Quantization), device, storageConnection, log);
        try
        {
            host.StartAsync(stop.Token).GetAwaiter().GetResult();
            var miner = host.Services.GetRequiredService<IClusterClient>().GetGrain<IMinerGrain>(settings.MinerId);
            var loop = new MinerLoop(miner, settings, runner, measurer, standby, () => Calibration.Measure(train, validation, device, settings), log);
            loop.Run(stop.Token).GetAwaiter().GetResult();
            console.Out.WriteLine($"miner '{settings.MinerId}' left the pool: {loop.Accepted} episodes accepted, {loop.Refused} refused, {loop.Measured} measuring jobs reported");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            console.Out.WriteLine($"miner '{settings.MinerId}' stopped before it reached the pool");
            return ExitCodes.Success;
        }
        catch (MinerRefusedException e)
        {
            log.WriteLine($"error: the pool refused the miner: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        finally
        {
            watching.Cancel();
            watcher.GetAwaiter().GetResult();
            eviction?.Acknowledge().GetAwaiter().GetResult();
            host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            log.WriteLine($"{context.Signal}: finishing up and leaving the pool");
            stop.Cancel();
        }
    }
}
