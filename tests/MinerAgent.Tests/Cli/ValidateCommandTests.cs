namespace PoNasOrleans.MinerAgent.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Theory]
    [InlineData("--idle", "0", "--idle must lie in (0, 3600] seconds")]
    [InlineData("--idle", "-5", "--idle must lie in (0, 3600] seconds")]
    [InlineData("--idle", "3601", "--idle must lie in (0, 3600] seconds")]
    [InlineData("--idle", "NaN", "--idle must lie in (0, 3600] seconds")]
    [InlineData("--idle", "soon", "soon")]
    [InlineData("--threads", "0", "--threads must be at least 1")]
    [InlineData("--quantization", "half", "half")]
    [InlineData("--device", "tpu", "tpu")]
    [InlineData("--pool", "localhost", "--pool: 'localhost' is not host:port")]
    [InlineData("--pool", "127.0.0.1:0", "--pool: '127.0.0.1:0' is not host:port")]
    public void Bad_settings_are_refused_before_anything_starts(string option, string value, string expected)
    {
        var arguments = new Dictionary<string, string> { ["--pool"] = "127.0.0.1:30000", ["--miner-id"] = "v1", ["--credential"] = "secret", [option] = value };
        var run = CliRun.Of(["validate", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("--pool")]
    [InlineData("--miner-id")]
    public void The_pool_and_the_miner_id_are_required(string missing)
    {
        var arguments = new Dictionary<string, string> { ["--pool"] = "127.0.0.1:30000", ["--miner-id"] = "v1", ["--credential"] = "secret" };
        arguments.Remove(missing);
        var run = CliRun.Of(["validate", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Option '{missing}' is required", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void A_credential_is_required()
    {
        var run = CliRun.Of("validate", "--pool", "127.0.0.1:30000", "--miner-id", "v1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a credential is required: --credential or $PONAS_MINER_CREDENTIAL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_names_every_option()
    {
        var run = CliRun.Of("validate", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--pool", "--miner-id", "--credential", "--idle", "--quantization", "--threads", "--device", "--once", "--storage-connection-string", "--cluster-id", "--service-id" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }
}
