using Azure;
using Polly;
using Polly.Retry;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// Retries with exponential backoff and jitter (Polly) for the agent's calls to the pool and to blob storage: a
/// restarting silo, a storage hiccup or a dropped connection is retried; a refusal (the pool or the chain said no) never is.
/// Retrying is safe because every call it wraps is idempotent (heartbeat and report sequence numbers, fixed blob names,
/// test accuracies recorded per height, a claim judged once).
/// </summary>
internal static class PoolRetry
{
    /// <summary>A pipeline that retries for about <paramref name="attempts"/> × up to <paramref name="maxDelay"/>.</summary>
    /// <param name="log">Where each retry is logged.</param>
    /// <param name="attempts">Retries at most.</param>
    /// <param name="maxDelay">The longest delay between two attempts (10 s).</param>
    /// <param name="transient">Which errors are retried (<see cref="IsTransient"/>).</param>
    public static ResiliencePipeline Create(TextWriter log, int attempts = 40, TimeSpan? maxDelay = null, Func<Exception, bool>? transient = null) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle(transient ?? IsTransient),
            MaxRetryAttempts = attempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(10),
            OnRetry = args =>
            {
                log.WriteLine($"retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalSeconds:F1} s after {args.Outcome.Exception?.GetType().Name}: {args.Outcome.Exception?.Message}");
                return default;
            },
        })
        .Build();

    /// <summary>Whether an error may go away by itself: anything but the pool's and the chain's refusals, bad input and cancellation.</summary>
    public static bool IsTransient(Exception error) => error is not (MinerRefusedException or EpisodeRefusedException or ChainRefusedException
        or UnauthorizedAccessException or ArgumentException or InvalidDataException or OperationCanceledException);

    /// <summary>
    /// Whether a failed transfer through a blob link (a download through a read link, an episode's upload through a
    /// write link) may succeed when tried again: as <see cref="IsTransient"/>, except that a 4xx answer other than 408
    /// and 429 (an expired or foreign link, a missing blob) will not change.
    /// </summary>
    public static bool IsTransientDownload(Exception error) =>
        IsTransient(error) && error is not RequestFailedException { Status: >= 400 and < 500 and not 408 and not 429 };
}
