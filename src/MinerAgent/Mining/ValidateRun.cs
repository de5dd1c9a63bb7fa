using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.MinerAgent.Cli;
using PoNasOrleans.Telemetry;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;
using static TorchSharp.torch;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>One <c>ponas validate</c> invocation: torch, the pool connection, signals, the validator loop.</summary>
internal sealed class ValidateRun(CliConsole console, ValidatorSettings settings, PoolAddress pool, TelemetryOptions? telemetry = null)
{
    public int Execute()
    {
        var log = console.Error;
        Device device;
        try
        {
            device = TorchRuntime.Configure(settings.Runtime);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"--device: {e.Message}", e);
        }

        log.WriteLine($"validator '{settings.MinerId}' on {device.type}, quantization {TestSplitMeasurer.Mode(settings.Quantization)}; pool {pool}");
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var host = PoolConnection.Create(pool, log, settings.MinerId, telemetry);
        using var measurer = new TestSplitMeasurer(new TrainingOptions(Quantization: settings.Quantization), device, settings.StorageConnection, log);
        try
        {
            host.StartAsync(stop.Token).GetAwaiter().GetResult();
            var miner = host.Services.GetRequiredService<IClusterClient>().GetGrain<IMinerGrain>(settings.MinerId);
            var loop = new ValidatorLoop(miner, settings, measurer, log, console.Out);
            loop.Run(stop.Token).GetAwaiter().GetResult();
            console.Out.WriteLine($"validator '{settings.MinerId}' done: {loop.Judged} claims judged ({loop.Winners} held, {loop.Discarded} discarded), " +
                $"{loop.Failed} not measured, {loop.Refused} measurements refused");
            if (settings.Once && !stop.IsCancellationRequested && loop.Judged == 0)
            {
                log.WriteLine("error: --once: the claim was not judged");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            console.Out.WriteLine($"validator '{settings.MinerId}' stopped before it reached the pool");
            return ExitCodes.Success;
        }
        catch (MinerRefusedException e)
        {
            log.WriteLine($"error: the pool refused the validator: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        finally
        {
            host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            log.WriteLine($"{context.Signal}: stopping");
            stop.Cancel();
        }
    }
}
