using Azure.Data.Tables;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Silo.Tests;

public sealed class SiloHostTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task Joins_its_cluster_in_azure_tables_reports_healthy_and_stops_gracefully()
    {
        var cluster = $"test-{Guid.NewGuid():N}";
        using var silo = new SiloProcess(SiloProcess.Environment(azurite, cluster));
        Assert.Equal("active", await silo.WaitUntilHealthy(TimeSpan.FromSeconds(60)));

        var members = new TableServiceClient(azurite.ConnectionString).GetTableClient("OrleansSiloInstances")
            .Query<TableEntity>().Where(e => e.PartitionKey.Contains(cluster, StringComparison.Ordinal)).ToList();
        Assert.Contains(members, m => m.GetString("Status") == "Active");

        Assert.True(silo.Terminate(TimeSpan.FromSeconds(60)), "the silo did not stop within 60 s of SIGTERM");
        Assert.Equal(0, silo.ExitCode);
        Assert.Contains("Orleans Silo stopped", await silo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "", "set either Storage:ConnectionString (development, Azurite) or Storage:TableServiceUri and Storage:BlobServiceUri (Azure, managed identity), not neither")]
    [InlineData("UseDevelopmentStorage=true", "https://a.table.core.windows.net", "https://a.blob.core.windows.net", "not both")]
    [InlineData("", "http://a.table.core.windows.net", "https://a.blob.core.windows.net", "Storage:TableServiceUri must be an absolute https URI")]
    [InlineData("", "https://a.table.core.windows.net", "", "Storage:BlobServiceUri is missing")]
    [InlineData("not a connection string", "", "", "Storage:ConnectionString cannot be used")]
    public async Task Refuses_to_start_with_storage_settings_that_cannot_work(string connectionString, string tableUri, string blobUri, string expected)
    {
        var environment = new Dictionary<string, string>();
        Add(environment, "PONAS__STORAGE__CONNECTIONSTRING", connectionString);
        Add(environment, "PONAS__STORAGE__TABLESERVICEURI", tableUri);
        Add(environment, "PONAS__STORAGE__BLOBSERVICEURI", blobUri);
        await AssertRefused(environment, expected);
    }

    [Theory]
    [InlineData("PONAS__CLUSTER__SILOPORT", "70000", "Cluster:SiloPort must be a port between 1 and 65535, got 70000")]
    [InlineData("PONAS__CLUSTER__GATEWAYPORT", "11111", "Cluster:SiloPort and Cluster:GatewayPort must differ (both 11111)")]
    [InlineData("PONAS__CLUSTER__ADVERTISEDADDRESS", "pool.example", "Cluster:AdvertisedAddress must be an IP address, got 'pool.example'")]
    [InlineData("PONAS__CLUSTER__CLUSTERID", " ", "Cluster:ClusterId is empty")]
    public async Task Refuses_to_start_with_cluster_settings_that_cannot_work(string key, string value, string expected)
    {
        var environment = new Dictionary<string, string> { ["PONAS__STORAGE__CONNECTIONSTRING"] = azurite.ConnectionString, [key] = value };
        await AssertRefused(environment, expected);
    }

    private static async Task AssertRefused(Dictionary<string, string> environment, string expected)
    {
        using var silo = new SiloProcess(environment);
        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(30)), "the silo should stop at once");
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains(expected, await silo.Errors, StringComparison.Ordinal);
    }

    private static void Add(Dictionary<string, string> environment, string key, string value)
    {
        if (value.Length > 0)
        {
            environment[key] = value;
        }
    }
}
