using System.Net;
using System.Text.Json;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Silo.Tests;

/// <summary>The devnet in a real silo process: started from its settings, shown by the chain API, refused when its settings cannot work.</summary>
public sealed class ChainApiTests
{
    private static readonly Dictionary<string, string> Devnet = new()
    {
        ["PONAS__DEVNET__ENABLED"] = "true",
        ["PONAS__DEVNET__TRAININGPHASE"] = "00:10:00",
        ["PONAS__DEVNET__VALIDATIONPHASE"] = "00:01:00",
        ["PONAS__DEVNET__TICKPERIOD"] = "00:00:01",
        ["PONAS__DEVNET__LAYERS"] = "2",
        ["PONAS__DEVNET__TRAINIMAGES"] = "10",
        ["PONAS__DEVNET__TESTIMAGES"] = "10",
    };

    [Fact]
    public async Task The_chain_api_shows_the_devnets_current_height_and_hides_the_test_split_before_its_release()
    {
        using var fleet = await PoolFleet.Start(Path.Combine(AppContext.BaseDirectory, "PoNasOrleans.Silo.dll"), Devnet);
        using var anonymous = new HttpClient { BaseAddress = fleet.Api.BaseAddress };
        var chain = await Get(anonymous, "/api/chain");
        for (var i = 0; i < 100 && chain.GetProperty("currentHeight").ValueKind == JsonValueKind.Null; i++)
        {
            await Task.Delay(100);
            chain = await Get(anonymous, "/api/chain");
        }

        Assert.Equal(1, chain.GetProperty("currentHeight").GetInt64());
        Assert.Equal("Training", chain.GetProperty("phase").GetString());
        Assert.True(chain.GetProperty("running").GetBoolean());
        Assert.False(chain.GetProperty("decided").GetBoolean());

        var height = await Get(anonymous, "/api/chain/heights/1");
        var task = height.GetProperty("task");
        Assert.Equal((1, 2), (task.GetProperty("height").GetInt64(), task.GetProperty("layers").GetInt32()));
        Assert.Equal("synth:train?seed=1&count=10", task.GetProperty("trainingData").GetProperty("location").GetString());
        Assert.Equal(64, task.GetProperty("trainingData").GetProperty("sha256").GetString()!.Length);
        Assert.Equal("Training", height.GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Null, height.GetProperty("testSplit").ValueKind);
        Assert.Equal(0, height.GetProperty("commitments").GetArrayLength());
        Assert.DoesNotContain("synth:test", height.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/chain/heights/2", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/chain/heights/0", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("PONAS__DEVNET__TRAININGPHASE", "00:00:00", "Devnet:TrainingPhase must be positive")]
    [InlineData("PONAS__DEVNET__LAYERS", "0", "Devnet: the task template cannot be used: task 1: layers must lie in 1–32, got 0")]
    [InlineData("PONAS__DEVNET__TESTSPLITLOCATION", "blob:tests/split-1", "Devnet:TestSplitSha256 must be 64 lowercase hex digits when Devnet:TestSplitLocation is set")]
    [InlineData("PONAS__DEVNET__TICKPERIOD", "soon", "Devnet:TickPeriod")]
    public async Task Refuses_to_start_with_devnet_settings_that_cannot_work(string key, string value, string expected)
    {
        // the settings are checked before the silo reaches its storage
        var environment = new Dictionary<string, string>(Devnet) { ["PONAS__STORAGE__CONNECTIONSTRING"] = "UseDevelopmentStorage=true", [key] = value };
        using var silo = new SiloProcess(environment);
        Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(30)), "the silo should stop at once");
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains(expected, await silo.Errors, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
