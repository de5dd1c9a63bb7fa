using System.Collections.Concurrent;
using System.Collections.Immutable;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.MinerAgent.Tests.Mining;

/// <summary>
/// A miner grain for the agent's loops without a silo: hands out the queued work items and claims, records what the
/// agent reports and submits, and stops the agent (<see cref="Stop"/>) when it runs out of work.
/// </summary>
internal sealed class FakeMiner : IMinerGrain
{
    public ConcurrentQueue<WorkItem> Work { get; } = new();

    public ConcurrentQueue<ValidatorClaim?> Claims { get; } = new();

    public ConcurrentQueue<(long Height, ImmutableArray<TestAccuracy> Accuracies)> Reported { get; } = new();

    public ConcurrentQueue<(long Height, string Commitment, double Accuracy)> Submitted { get; } = new();

    /// <summary>The verdict the chain gives every submitted measurement.</summary>
    public ClaimVerdict Verdict { get; set; } = ClaimVerdict.Confirmed;

    /// <summary>Fired when the work queue is empty at a pull.</summary>
    public CancellationTokenSource Stop { get; } = new();

    public int Pulls { get; private set; }

    public bool Left { get; private set; }

    public Task<WorkItem> PullWork(string credential)
    {
        Pulls++;
        if (Work.TryDequeue(out var item))
        {
            return Task.FromResult(item);
        }

        Stop.Cancel();
        return Task.FromResult(WorkItem.Wait(0, TimeSpan.FromMinutes(1), "no more work in this test"));
    }

    public Task ReportTestAccuracies(string credential, long height, ImmutableArray<TestAccuracy> accuracies)
    {
        Reported.Enqueue((height, accuracies));
        return Task.CompletedTask;
    }

    public Task<ValidatorClaim?> PullClaim(string credential)
    {
        Pulls++;
        if (Claims.TryDequeue(out var claim))
        {
            return Task.FromResult(claim);
        }

        Stop.Cancel();
        return Task.FromResult<ValidatorClaim?>(null);
    }

    public Task<ClaimJudgement> SubmitMeasurement(string credential, long height, string commitment, double measuredAccuracy)
    {
        Submitted.Enqueue((height, commitment, measuredAccuracy));
        return Task.FromResult(new ClaimJudgement(height, commitment, Verdict, measuredAccuracy, Repeated: false));
    }

    public Task<MinerStrength> Calibrate(string credential, MinerStrength strength) => Task.FromResult(strength);

    public Task<HeartbeatReceipt> Heartbeat(string credential, long sequence) => Task.FromResult(new HeartbeatReceipt(sequence, DateTimeOffset.UtcNow, 1));

    public Task Standby(long height, string? subspace) => throw new NotSupportedException("the pool calls it, never an agent");

    public Task Leave(string credential)
    {
        Left = true;
        return Task.CompletedTask;
    }

    public Task<MinerCredential> Register(MinerProfile profile) => throw new NotSupportedException();

    public Task<EpisodeReceipt> Report(string credential, EpisodeSubmission report) => throw new NotSupportedException();

    public Task<MinerSummary> Describe() => throw new NotSupportedException();
}
