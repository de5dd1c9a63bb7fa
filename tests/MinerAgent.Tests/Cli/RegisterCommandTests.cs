using System.Text.Json;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

public sealed class RegisterCommandTests
{
    private const string Key = "0123456789abcdef0123";

    [Fact]
    public void A_registration_posts_the_profile_with_the_operator_key_and_prints_the_credential_once()
    {
        using var api = new CannedHttpServer().AnswerPost("/api/miners", """{"minerId":"rig-7","credential":"c2VjcmV0LWNyZWRlbnRpYWw="}""", status: 201);
        var run = CliRun.Of("register", "--api", api.Root, "--miner-id", "rig-7", "--name", "rig 7", "--device", "cpu", "--operator-key", Key);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var lines = run.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("c2VjcmV0LWNyZWRlbnRpYWw=", lines[^1]);
        Assert.Contains("shown only now", lines[0], StringComparison.Ordinal);
        var (body, key) = Assert.Single(api.Posts);
        Assert.Equal(Key, key);
        using var sent = JsonDocument.Parse(body);
        Assert.Equal(("rig-7", "rig 7", "cpu"), (sent.RootElement.GetProperty("minerId").GetString(), sent.RootElement.GetProperty("displayName").GetString(), sent.RootElement.GetProperty("device").GetString()));
    }

    [Fact]
    public void The_pools_refusal_is_shown_with_its_reason()
    {
        using var api = new CannedHttpServer().AnswerPost("/api/miners", """{"title":"Conflict","status":409,"detail":"miner 'rig-7' is already registered"}""", status: 409, contentType: "application/problem+json");
        var run = CliRun.Of("register", "--api", api.Root, "--miner-id", "rig-7", "--name", "rig 7", "--operator-key", Key);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("HTTP 409", run.Error, StringComparison.Ordinal);
        Assert.Contains("miner 'rig-7' is already registered", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("../etc", Key, "--miner-id: '../etc' is not a miner id")]
    [InlineData("rig-7", "", "the operator key is required")]
    public void Bad_input_is_refused_before_anything_is_sent(string minerId, string key, string expected)
    {
        using var api = new CannedHttpServer();
        var arguments = new List<string> { "register", "--api", api.Root, "--miner-id", minerId, "--name", "rig" };
        if (key.Length > 0)
        {
            arguments.AddRange(["--operator-key", key]);
        }

        var run = CliRun.Of([.. arguments]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }
}
