using System.Collections;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Telemetry;
using PoNasOrleans.Training.ChildTraining;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// The agent's telemetry (docs/telemetry.md): resource <c>ponas-agent</c> with the miner id, its activity source
/// <see cref="SourceName"/> (a span per episode and per report, parents of Orleans' client spans, so an episode is one
/// trace from the agent into the grains), and its meter with <c>ponas.training.images_per_second</c>.
/// </summary>
internal static class AgentTelemetry
{
    /// <summary>The agent's activity source and meter.</summary>
    public const string SourceName = "PoNasOrleans.Agent";

    /// <summary>The agent's <c>service.name</c>.</summary>
    public const string ServiceName = "ponas-agent";

    /// <summary>Resource attribute naming the miner the agent works for.</summary>
    public const string MinerIdAttribute = "ponas.miner.id";

    /// <summary>Images/s buckets from a slow CPU to a fast GPU.</summary>
    private static readonly double[] SpeedBuckets = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000];

    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> ImagesPerSecond = Meter.CreateHistogram(
        "ponas.training.images_per_second", "{image}/s", "Training speed of each episode (and of the calibration), by kind",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SpeedBuckets });

    /// <summary>The agent's spans.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// Adds the agent's telemetry to its Orleans client host, with the exporters <paramref name="options"/> switches
    /// on; the OTEL_* environment variables (headers, protocol, resource, sampler) are passed to the SDK.
    /// </summary>
    public static void Register(HostApplicationBuilder builder, TelemetryOptions options, string minerId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddInMemoryCollection(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(variable => variable.Key is string name && name.StartsWith("OTEL_", StringComparison.Ordinal))
            .Select(variable => KeyValuePair.Create((string)variable.Key, (string?)variable.Value)));
        var service = new TelemetryService(
            ServiceName,
            TelemetryService.VersionOf(typeof(AgentTelemetry).Assembly),
            $"{minerId}@{Environment.MachineName}:{Environment.ProcessId}",
            new Dictionary<string, object> { [MinerIdAttribute] = minerId });
        builder.Services.AddPoNasTelemetry(options, service, tracing => tracing.AddSource(SourceName), metrics => metrics.AddMeter(SourceName));
    }

    /// <summary>Starts the span of an episode of <paramref name="item"/> (null when nobody listens).</summary>
    public static Activity? StartEpisode(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var activity = Source.StartActivity("episode");
        activity?.SetTag("ponas.block.height", item.Height);
        activity?.SetTag("ponas.subspace", item.Subspace);
        activity?.SetTag("ponas.episode.kind", Kind(item.Kind));
        activity?.SetTag("ponas.episode.sequence", item.Sequence);
        return activity;
    }

    /// <summary>Starts the span of a report (all its attempts; null when nobody listens).</summary>
    public static Activity? StartReport(EpisodeSubmission report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var activity = Source.StartActivity("report");
        activity?.SetTag("ponas.episode.sequence", report.Sequence);
        activity?.SetTag("ponas.episode.reward", report.Reward);
        return activity;
    }

    /// <summary>Marks a report's span as refused, with the reason.</summary>
    public static void Refused(Activity? activity, EpisodeRefusedException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        activity?.SetTag("ponas.refusal", refusal.Reason.ToString());
        activity?.SetStatus(ActivityStatusCode.Error, refusal.Reason.ToString());
    }

    /// <summary>Records the training speed of a run (<paramref name="kind"/>: <c>explore</c>, <c>exploit</c> or <c>calibration</c>).</summary>
    public static void Trained(string kind, TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var images = result.Epochs.Sum(e => (long)e.Images);
        if (images > 0 && result.Elapsed > TimeSpan.Zero)
        {
            ImagesPerSecond.Record(images / result.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    /// <summary>The tag value of a work kind (<c>explore</c>, <c>exploit</c>, …).</summary>
    public static string Kind(WorkKind kind) => kind switch
    {
        WorkKind.Explore => "explore",
        WorkKind.Exploit => "exploit",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
