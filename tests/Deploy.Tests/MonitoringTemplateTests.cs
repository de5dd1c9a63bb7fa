using System.Text.Json.Nodes;

namespace PoNasOrleans.Deploy.Tests;

[Collection(SharedCompilation.Name)]
public sealed class MonitoringTemplateTests(CompiledDeployment compiled)
{
    /// <summary>The pool's metric names and the tag each must be broken down by (null: none).</summary>
    public static TheoryData<string, string?> Metrics => new()
    {
        { "ponas.episodes.accepted", "kind" },
        { "ponas.episodes.refused", "reason" },
        { "ponas.subspace.reward", "subspace" },
        { "ponas.subspace.best_reward", "subspace" },
        { "ponas.supervisor.high_group_deviation", null },
        { "ponas.miners", "status" },
        { "ponas.backups.prepared", null },
        { "ponas.backups.promoted", null },
        { "ponas.consensus.commitments", null },
        { "ponas.consensus.reveals", null },
        { "ponas.blocks.won", null },
        { "ponas.training.images_per_second", null },
    };

    private ArmResource Workbook => compiled.Main.Single("Microsoft.Insights/workbooks");

    [Fact]
    public void Log_analytics_and_workspace_based_application_insights()
    {
        var workspace = compiled.Main.Single("Microsoft.OperationalInsights/workspaces");
        var insights = compiled.Main.Single("Microsoft.Insights/components");
        Assert.Same(workspace.Deployment.Template, insights.Deployment.Template);
        Assert.Equal("PerGB2018", workspace.Text("properties.sku.name"));
        Assert.Equal("logRetentionInDays", workspace.Deployment.RootParameterOf(workspace.Get("properties.retentionInDays")));
        Assert.Equal("web", insights.Text("kind"));
        Assert.Equal("LogAnalytics", insights.Text("properties.IngestionMode"));
        Assert.Equal($"[resourceId('Microsoft.OperationalInsights/workspaces', {workspace.Text("name")![1..^1]})]", insights.Text("properties.WorkspaceResourceId"));
    }

    [Fact]
    public void Workbook_is_shared_and_bound_to_application_insights()
    {
        Assert.Equal("shared", Workbook.Text("kind"));
        Assert.Equal("workbook", Workbook.Text("properties.category"));
        Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]", Workbook.Text("properties.sourceId"));
        Assert.Equal(compiled.Main.Module("monitoring").Passed("appInsightsName")!.ToJsonString(), Workbook.Deployment.Passed("appInsightsName")!.ToJsonString());
        Assert.StartsWith("[guid(", Workbook.Text("name"), StringComparison.Ordinal);
        Assert.Equal(
            "[string(union(variables('content'), createObject('fallbackResourceIds', createArray(resourceId('Microsoft.Insights/components', parameters('appInsightsName'))))))]",
            Workbook.Text("properties.serializedData"));

        var titles = Items(Content()).Where(i => (int?)i["type"] == 12).Select(i => (string?)i["content"]!["title"]);
        Assert.Equal(["Pool health", "Miners", "Rewards", "Refusals"], titles);
        Assert.Equal("Notebook/1.0", (string?)Content()["version"]);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Workbook_charts_each_metric_from_custom_metrics(string metric, string? tag)
    {
        var queries = Queries().Where(q => ((string)q["query"]!).Contains($"\"{metric}\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(queries);
        Assert.All(queries, q => Assert.StartsWith("customMetrics\n| where name ", (string?)q["query"], StringComparison.Ordinal));
        Assert.All(queries, q => Assert.Equal("microsoft.insights/components", (string?)q["resourceType"]));
        Assert.All(queries, q => Assert.Equal("TimeRange", (string?)q["timeContextFromParameter"]));
        if (tag is not null)
        {
            Assert.Contains(queries, q => ((string)q["query"]!).Contains($"customDimensions.{tag}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Workbook_queries_only_the_pools_metrics()
    {
        var names = Queries().SelectMany(q => System.Text.RegularExpressions.Regex.Matches((string)q["query"]!, @"""(ponas\.[a-z_.]+)""").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Equal(Metrics.Select(row => (string)row[0]).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    private JsonObject Content() => Workbook.Deployment.Variable("content")!.AsObject();

    private IEnumerable<JsonObject> Queries() =>
        Items(Content()).Where(i => (int?)i["type"] == 3).Select(i => i["content"]!.AsObject());

    /// <summary>Every item of the workbook, those inside groups included.</summary>
    private static IEnumerable<JsonObject> Items(JsonObject container) =>
        (container["items"]?.AsArray() ?? []).OfType<JsonObject>()
            .SelectMany(i => new[] { i }.Concat(i["content"] is JsonObject content ? Items(content) : []));
}
