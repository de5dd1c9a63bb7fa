using System.Collections.ObjectModel;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace PoNasOrleans.Grains.Tests.Telemetry;

/// <summary>An agent's report is one trace: its own span, Orleans' client span, and the grains' spans in the silo.</summary>
[Collection(SharedTelemetryCluster.Name)]
public sealed class TracePropagationTests(TelemetryCluster pool)
{
    private readonly PoolScenario scenario = new(pool);

    [Fact]
    public async Task A_report_under_the_agents_episode_span_is_traced_into_the_miner_and_subspace_grains_in_one_trace()
    {
        await scenario.OpenNext();
        var miner = await scenario.Miner();
        var report = await PoolScenario.Episode(await miner.Pull(), 0.5, withModel: true);
        var exported = new LockedList<Activity>();
        using var agent = new ActivitySource("PoNasOrleans.Tests.Agent");
        ActivityTraceId trace;
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(agent.Name, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, ActivitySources.StorageActivitySourceName)
            .AddInMemoryExporter(exported)
            .Build())
        {
            using (var episode = agent.StartActivity("episode"))
            {
                trace = episode!.TraceId;
                await miner.Report(report);
            }

            // the silo's spans end as its calls return; give the last one a moment
            await Until(() => exported.Snapshot().Any(a => a.TraceId == trace && a.DisplayName.Contains("ISubspaceGrain", StringComparison.Ordinal) && a.Kind == ActivityKind.Server));
            tracing.ForceFlush();
        }

        var spans = exported.Snapshot().Where(a => a.TraceId == trace).ToList();
        var names = string.Join(", ", spans.Select(a => $"{a.Source.Name}:{a.Kind}:{a.DisplayName}"));
        var root = Assert.Single(spans, a => a.Source.Name == agent.Name);
        Assert.Contains(spans, a => a.Kind == ActivityKind.Client && a.DisplayName.EndsWith("IMinerGrain/Report", StringComparison.Ordinal) && a.ParentSpanId == root.SpanId);
        var minerCall = spans.FirstOrDefault(a => a.Kind == ActivityKind.Server && a.DisplayName.EndsWith("IMinerGrain/Report", StringComparison.Ordinal));
        Assert.True(minerCall is not null, $"no server span of IMinerGrain/Report in the trace: {names}");
        Assert.Equal(ActivitySources.ApplicationGrainActivitySourceName, minerCall.Source.Name);
        Assert.Contains(spans, a => a.Kind == ActivityKind.Server && a.DisplayName.EndsWith("ISubspaceGrain/Report", StringComparison.Ordinal));

        // one tree: every span but the agent's hangs under another span of the same trace
        var ids = spans.Select(a => a.SpanId).ToHashSet();
        Assert.All(spans.Where(a => a != root), a => Assert.True(ids.Contains(a.ParentSpanId), $"{a.DisplayName} has a parent outside the trace: {names}"));
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>A list the exporter may add to from the silo's threads while the test reads it.</summary>
    private sealed class LockedList<T> : Collection<T>
    {
        private readonly Lock gate = new();

        public List<T> Snapshot()
        {
            lock (gate)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
