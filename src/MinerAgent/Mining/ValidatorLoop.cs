using System.Globalization;
using Polly;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// The agent as a devnet validator: pull the next claim to judge, download and check its model, measure it on the
/// height's test split, submit the measurement and print the chain's judgement; with nothing to judge (or after a
/// claim that could not be measured, which the chain offers again) wait and pull again. Transient failures of the
/// pool are retried (Polly); refusals are not. A measurement finished before a stop signal is still submitted.
/// </summary>
internal sealed class ValidatorLoop(IMinerGrain miner, ValidatorSettings settings, TestSplitMeasurer measurer, TextWriter log, TextWriter output)
{
    private readonly ResiliencePipeline retry = PoolRetry.Create(log);

    /// <summary>Claims judged (a judgement received, repeated ones included).</summary>
    public int Judged { get; private set; }

    /// <summary>Claims judged to hold: each the winner of its height.</summary>
    public int Winners { get; private set; }

    /// <summary>Claims judged not to hold.</summary>
    public int Discarded { get; private set; }

    /// <summary>Claims that could not be downloaded, checked or measured (nothing was submitted).</summary>
    public int Failed { get; private set; }

    /// <summary>Measurements the chain refused.</summary>
    public int Refused { get; private set; }

    /// <summary>Runs until <paramref name="stop"/> fires, or with <see cref="ValidatorSettings.Once"/> until one claim was handled.</summary>
    public async Task Run(CancellationToken stop)
    {
        var idleLogged = false;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var claim = await retry.ExecuteAsync(async token => await miner.PullClaim(settings.Credential), stop);
                if (claim is null)
                {
                    if (!idleLogged)
                    {
                        log.WriteLine($"no claim to judge; pulling every {settings.Idle.TotalSeconds:G4} s");
                        idleLogged = true;
                    }

                    await Task.Delay(settings.Idle, stop);
                    continue;
                }

                idleLogged = false;
                var judged = await Judge(claim, stop);
                if (settings.Once)
                {
                    return;
                }

                if (!judged)
                {
                    await Task.Delay(settings.Idle, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            log.WriteLine("stopping: the claim being downloaded, if any, is left to the next validator");
        }
    }

    /// <summary>Measures a claim and submits the measurement; whether a judgement came back.</summary>
    private async Task<bool> Judge(ValidatorClaim claim, CancellationToken stop)
    {
        var what = $"claim {claim.Height}/{TestSplitMeasurer.Short(claim.Commitment)} of '{claim.Participant}'";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: claimed accuracy {claim.ClaimedAccuracy:R}; measuring on {claim.TestSplit.Location}"));
        double accuracy;
        try
        {
            accuracy = await measurer.Measure(what, claim.Architecture, claim.Model, claim.ModelSha256, claim.TestSplit.Location, claim.TestSplit.Sha256, stop);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            Failed++;
            log.WriteLine($"{what}: not judged, nothing submitted ({e.GetType().Name}): {e.Message}");
            return false;
        }

        try
        {
            // submitted even while stopping: the measurement is done and the chain judges a claim once
            var judgement = await retry.ExecuteAsync(
                async token => await miner.SubmitMeasurement(settings.Credential, claim.Height, claim.Commitment, accuracy), CancellationToken.None);
            Judged++;
            if (judgement.Verdict == ClaimVerdict.Confirmed)
            {
                Winners++;
            }
            else
            {
                Discarded++;
            }

            output.WriteLine(Describe(claim, accuracy, judgement));
            return true;
        }
        catch (ChainRefusedException e)
        {
            Refused++;
            log.WriteLine($"{what}: the chain refused the measurement ({e.Reason}): {e.Message}");
            return false;
        }
    }

    /// <summary>One line per judgement: the claim, both accuracies, and held (the winner) or discarded.</summary>
    internal static string Describe(ValidatorClaim claim, double measured, ClaimJudgement judgement)
    {
        var verdict = judgement.Verdict == ClaimVerdict.Confirmed ? $"held: the winner of height {judgement.Height}" : "discarded: the claim does not hold";
        var repeated = judgement.Repeated
            ? string.Create(CultureInfo.InvariantCulture, $" (judged before on measured {judgement.MeasuredAccuracy:R}; this measurement changed nothing)")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"claim {claim.Height}/{TestSplitMeasurer.Short(claim.Commitment)} of '{claim.Participant}': claimed {claim.ClaimedAccuracy:R}, measured {measured:R}: {verdict}{repeated}");
    }
}
