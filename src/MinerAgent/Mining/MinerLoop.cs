using System.Collections.Immutable;
using System.Globalization;
using Polly;
using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// The agent's work loop against the pool: calibrate, heartbeat in the background (a warm standby fetches the
/// checkpoint its receipts name), pull, run the episode, report
/// (retrying transient failures with the same report, so the pool counts it once), and on a stop signal or an
/// eviction notice: abandon the unfinished episode (the last reported checkpoint stays the subspace's), leave.
/// A measure item has the pool's committed models measured on the released test split and their accuracies reported;
/// when a model cannot be downloaded, checked or measured nothing is reported (the pool issues the job again later).
/// </summary>
internal sealed class MinerLoop(IMinerGrain miner, MinerSettings settings, EpisodeRunner runner, TestSplitMeasurer measurer, StandbyCheckpoint standby, Func<MinerStrength> calibrate, TextWriter log)
{
    private readonly ResiliencePipeline retry = PoolRetry.Create(log);

    /// <summary>Episodes the pool accepted in this run.</summary>
    public int Accepted { get; private set; }

    /// <summary>Reports the pool refused in this run.</summary>
    public int Refused { get; private set; }

    /// <summary>Measuring jobs whose accuracies the pool accepted in this run.</summary>
    public int Measured { get; private set; }

    /// <summary>Runs until <paramref name="stop"/> fires or the episode limit is reached; then leaves the pool.</summary>
    public async Task Run(CancellationToken stop)
    {
        var strength = calibrate();
        await retry.ExecuteAsync(async token => await miner.Calibrate(settings.Credential, strength), stop);
        log.WriteLine($"calibrated: {strength.ImagesPerSecond:F0} images/s × time budget {strength.TimeBudgetFactor:G3}");
        using var heartbeatsDone = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var heartbeats = Heartbeats(heartbeatsDone.Token);
        try
        {
            while (!stop.IsCancellationRequested && (settings.MaxEpisodes == 0 || Accepted < settings.MaxEpisodes))
            {
                var item = await retry.ExecuteAsync(async token => await miner.PullWork(settings.Credential), stop);
                if (item.Kind == WorkKind.Wait)
                {
                    log.WriteLine($"wait {item.RetryAfter.TotalSeconds:F0} s: {item.Reason}");
                    await Task.Delay(item.RetryAfter, stop);
                    continue;
                }

                if (item.Kind == WorkKind.Measure)
                {
                    await MeasureCommitted(item, stop);
                    continue;
                }

                // one trace per episode: training, uploads and the report with the grain calls it makes
                using var episode = AgentTelemetry.StartEpisode(item);
                var report = await runner.Run(item, stop);
                await Report(report);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            log.WriteLine("stopping: the unfinished episode is dropped; the pool keeps the last reported checkpoint");
        }
        finally
        {
            await heartbeatsDone.CancelAsync();
            await heartbeats;
        }

        await retry.ExecuteAsync(async token => await miner.Leave(settings.Credential), CancellationToken.None);
        log.WriteLine($"left the pool after {Accepted} accepted and {Refused} refused reports");
    }

    private async Task Report(EpisodeSubmission report)
    {
        using var reporting = AgentTelemetry.StartReport(report);
        try
        {
            // a report is sent even while stopping: the work is done and the pool should have it
            var receipt = await retry.ExecuteAsync(async token => await miner.Report(settings.Credential, report), CancellationToken.None);
            Accepted++;
            log.WriteLine($"{report.Kind.ToString().ToLowerInvariant()} {report.Height}/{report.Subspace} #{report.Sequence}: reward {report.Reward:F4} " +
                $"({(report.Feasible ? $"{report.Luts} LUTs, {report.Throughput:F0} images/s" : "infeasible")}), {report.Seconds:F1} s, " +
                $"{receipt.WorkUnits} work units; subspace best {receipt.SubspaceBest:F4}{(report.Model is null ? "" : "; model uploaded")}");
        }
        catch (EpisodeRefusedException e)
        {
            AgentTelemetry.Refused(reporting, e);
            Refused++;
            runner.Forget();
            log.WriteLine($"refused ({e.Reason}): {e.Message}");
        }
    }

    /// <summary>Measures every model of a measure item and reports the accuracies; a model that fails is logged and nothing is reported.</summary>
    private async Task MeasureCommitted(WorkItem item, CancellationToken stop)
    {
        if (item.Measure is not { } job)
        {
            log.WriteLine($"measure item of height {item.Height} without a job: ignored");
            return;
        }

        log.WriteLine($"measure {job.Targets.Length} committed models of height {job.Height} on {job.TestLocation}");
        var accuracies = ImmutableArray.CreateBuilder<TestAccuracy>(job.Targets.Length);
        try
        {
            for (var index = 0; index < job.Targets.Length; index++)
            {
                var target = job.Targets[index];
                var what = $"model {index + 1}/{job.Targets.Length} of height {job.Height} ({TestSplitMeasurer.Short(target.Commitment)})";
                var accuracy = await measurer.Measure(what, target.Architecture, target.ModelDownload, target.ModelSha256, job.TestLocation, job.TestSha256, stop);
                accuracies.Add(new TestAccuracy(target.Commitment, accuracy));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            log.WriteLine($"measuring height {job.Height} failed, nothing reported ({e.GetType().Name}): {e.Message}");
            return;
        }

        var measured = accuracies.DrainToImmutable();
        try
        {
            // the accuracies are sent even while stopping: the work is done and the pool needs them to reveal
            await retry.ExecuteAsync(async token => await miner.ReportTestAccuracies(settings.Credential, job.Height, measured), CancellationToken.None);
            Measured++;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"measured height {job.Height}: {string.Join(", ", measured.Select(a => $"{TestSplitMeasurer.Short(a.Commitment)} {a.Accuracy:R}"))}; reported"));
        }
        catch (Exception e) when (!PoolRetry.IsTransient(e) && e is not OperationCanceledException)
        {
            // e.g. another miner became the measurer meanwhile; a credential that is no longer good ends the next pull
            Refused++;
            log.WriteLine($"test accuracies of height {job.Height} refused ({e.GetType().Name}): {e.Message}");
        }
    }

    private async Task Heartbeats(CancellationToken cancellation)
    {
        long sequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                var receipt = await miner.Heartbeat(settings.Credential, sequence++);
                await standby.Fetch(receipt.Standby, cancellation);
            }
            catch (Exception e) when (PoolRetry.IsTransient(e) || e is InvalidDataException or Azure.RequestFailedException)
            {
                log.WriteLine($"heartbeat or standby fetch failed ({e.GetType().Name}: {e.Message}); next in {settings.HeartbeatInterval.TotalSeconds:F0} s");
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(settings.HeartbeatInterval, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
