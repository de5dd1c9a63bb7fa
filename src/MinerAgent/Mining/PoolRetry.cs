using Polly;
using Polly.Retry;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// Retries with exponential backoff and jitter (Polly) for the agent's calls to the pool and to blob storage: a
/// restarting silo, a storage hiccup or a dropped connection is retried; a refusal (the pool said no) never is.
/// Retrying is safe because every call it wraps is idempotent (heartbeat and report sequence numbers, fixed blob names).
/// </summary>
internal static class PoolRetry
{
    /// <summary>A pipeline that retries for about <paramref name="attempts"/> × up to <paramref name="maxDelay"/>.</summary>
    public static ResiliencePipeline Create(TextWriter log, int attempts = 40, TimeSpan? maxDelay = null) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
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

    /// <summary>Whether an error may go away by itself: anything but the pool's refusals, bad input and cancellation.</summary>
    public static bool IsTransient(Exception error) => error is not (MinerRefusedException or EpisodeRefusedException or UnauthorizedAccessException
        or ArgumentException or InvalidDataException or OperationCanceledException);
}
