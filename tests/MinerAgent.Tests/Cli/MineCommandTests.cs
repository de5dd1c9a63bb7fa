using System.Text.Json;
using PoNasOrleans.MinerAgent.Mining;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

public sealed class MineCommandTests
{
    [Theory]
    [InlineData("--time-budget-factor", "1.5", "--time-budget-factor must lie in (0, 1]")]
    [InlineData("--heartbeat", "0", "--heartbeat must lie in (0, 3600] seconds")]
    [InlineData("--max-episodes", "-1", "--max-episodes must not be negative")]
    [InlineData("--pool", "localhost", "--pool: 'localhost' is not host:port")]
    [InlineData("--pool", "127.0.0.1:0", "--pool: '127.0.0.1:0' is not host:port")]
    [InlineData("--scheduled-events", "not a url", "--scheduled-events: 'not a url' is not an absolute URL")]
    [InlineData("--tls-thumbprint", "abc", "--tls-thumbprint: 'abc' is not a SHA-256 certificate hash (64 hex digits)")]
    [InlineData("--tls-host", "pool.example.org", "--tls-host needs --tls or --tls-thumbprint")]
    [InlineData("--otlp-endpoint", "localhost:4317", "--otlp-endpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http or https URL, got 'localhost:4317'")]
    public void Bad_settings_are_refused_before_anything_starts(string option, string value, string expected)
    {
        var arguments = new Dictionary<string, string> { ["--pool"] = "127.0.0.1:30000", ["--miner-id"] = "m1", ["--credential"] = "secret", [option] = value };
        var run = CliRun.Of(["mine", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_is_required()
    {
        var run = CliRun.Of("mine", "--pool", "127.0.0.1:30000", "--miner-id", "m1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a credential is required: --credential or $PONAS_MINER_CREDENTIAL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateways_parse_as_a_list_of_endpoints()
    {
        var gateways = PoolConnection.ParseGateways("127.0.0.1:30000, 10.0.0.4:30001");
        Assert.Equal(["127.0.0.1:30000", "10.0.0.4:30001"], gateways.Select(g => g.ToString()));
    }

    [Theory]
    [InlineData("localhost:30000", new[] { "--tls" }, "localhost", null)]
    [InlineData("10.0.0.4:30000,10.0.0.5:30000", new[] { "--tls", "--tls-host", "pool.example.org" }, "pool.example.org", null)]
    [InlineData("127.0.0.1:30000", new[] { "--tls-thumbprint", "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89" }, "127.0.0.1", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    public void Tls_options_name_the_host_and_the_pinned_certificate(string pool, string[] options, string host, string? thumbprint)
    {
        var command = new System.CommandLine.RootCommand();
        var switches = new PoNasOrleans.MinerAgent.Cli.PoolSwitches();
        switches.AddTo(command);
        var address = switches.Read(command.Parse(["--pool", pool, .. options]));
        Assert.Equal((host, thumbprint), (address.Tls!.TargetHost, address.Tls.Thumbprint));
    }

    [Fact]
    public void Without_tls_options_the_connection_is_plain()
    {
        var command = new System.CommandLine.RootCommand();
        var switches = new PoNasOrleans.MinerAgent.Cli.PoolSwitches();
        switches.AddTo(command);
        Assert.Null(switches.Read(command.Parse(["--pool", "127.0.0.1:30000", "--cluster-id", "c"])).Tls);
    }

    [Theory]
    [InlineData("""{"DocumentIncarnation":1,"Events":[]}""", null)]
    [InlineData("""{"Events":[{"EventId":"a","EventType":"Freeze"},{"EventId":"b","EventType":"Preempt"}]}""", "b")]
    [InlineData("""{"Events":[{"EventId":"t","EventType":"Terminate"}]}""", "t")]
    [InlineData("""{"Events":[{"EventId":"r","EventType":"Reboot"}]}""", null)]
    [InlineData("""{"Events":"nonsense"}""", null)]
    [InlineData("""[1, 2]""", null)]
    public void Only_preempt_and_terminate_events_end_the_work(string document, string? expected)
    {
        using var json = JsonDocument.Parse(document);
        Assert.Equal(expected, EvictionNotice.Eviction(json.RootElement));
    }
}
