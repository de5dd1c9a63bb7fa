using System.Text.Json;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

public class SpaceCommandTests
{
    private const string GoodLayer = "{\"filter_height\":3,\"filter_width\":3,\"num_filters\":36,\"stride_height\":1,\"stride_width\":1,\"pool_size\":2,\"act_num_int_bits\":1,\"act_num_frac_bits\":4,\"weight_num_int_bits\":1,\"weight_num_frac_bits\":4}";

    [Fact]
    public void Show_prints_a_subspace_with_its_size_and_reports_the_errata()
    {
        var run = CliRun.Of("space", "show", "--preset", "paper:S3");
        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("paper:S3", root.GetProperty("name").GetString());
        Assert.Equal([1, 2, 3], root.GetProperty("space").GetProperty("stride_height").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(6, root.GetProperty("layers").GetInt32());
        Assert.Contains("S3, stride_height: lists 0", run.Error, StringComparison.Ordinal);
        Assert.False(root.TryGetProperty("subspaces", out _));
    }

    [Fact]
    public void Show_of_the_paper_lists_every_subspace_and_the_full_size()
    {
        var run = CliRun.Of("space", "show", "--preset", "paper", "--layers", "6");
        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(11_025_000, root.GetProperty("layer_configurations").GetInt64());
        Assert.Equal(System.Numerics.BigInteger.Pow(11_025_000, 6).ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("architectures").GetString());
        Assert.Equal(9, root.GetProperty("subspaces").EnumerateObject().Count());
        Assert.Equal(4, root.GetProperty("warnings").GetArrayLength());
    }

    [Theory]
    [InlineData("paper:S12", "no subspace 'S12'")]
    [InlineData("nowhere.json", "is neither a preset")]
    public void Show_refuses_unknown_spaces(string preset, string expected)
    {
        var run = CliRun.Of("space", "show", "--preset", preset);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Partition_prints_subspaces_and_metrics_reproducibly()
    {
        string[] args = ["space", "partition", "--preset", "paper", "--miners", "9", "--strategy", "balanced", "--seed", "4"];
        var run = CliRun.Of(args);
        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(9, root.GetProperty("subspaces").GetArrayLength());
        Assert.Equal(1.0, root.GetProperty("metrics").GetProperty("coverage").GetDouble());
        Assert.Equal(0.0, root.GetProperty("metrics").GetProperty("mean_pairwise_overlap").GetDouble());
        Assert.Equal(run.Out, CliRun.Of(args).Out);
    }

    [Fact]
    public void Algorithm1_partitions_of_a_subspace_stay_inside_it()
    {
        var run = CliRun.Of("space", "partition", "--preset", "paper:S6", "--miners", "5", "--strategy", "algorithm1", "--seed", "8");
        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("algorithm1", root.GetProperty("strategy").GetString());
        foreach (var subspace in root.GetProperty("subspaces").EnumerateArray())
        {
            Assert.All(subspace.GetProperty("space").GetProperty("num_filters").EnumerateArray(), v => Assert.Contains(v.GetInt32(), new[] { 4, 8, 12 }));
        }
    }

    [Theory]
    [InlineData("--miners", "0", "--miners must be at least 1")]
    [InlineData("--miners", "9", "--strategy", "kmeans", "kmeans")]
    [InlineData("--miners", "5000", "--preset", "paper:S9", "only 2592 layer configurations")]
    public void Partition_refuses_bad_options(params string[] arguments)
    {
        var run = CliRun.Of(["space", "partition", .. arguments[..^1]]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(arguments[^1], run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_a_subspace_file()
    {
        using var file = new TempFile(CliRun.Of("space", "show", "--preset", "paper:S9").Out.Split("\"space\": ")[1].Split("\"range_sizes\"")[0].TrimEnd().TrimEnd(','));
        var run = CliRun.Of("space", "validate", file.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.True(JsonDocument.Parse(run.Out).RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Validate_names_the_key_of_a_space_outside_its_parent()
    {
        using var file = new TempFile("{\"filter_height\":[1,2],\"filter_width\":[3],\"num_filters\":[36],\"stride_height\":[1],\"stride_width\":[1],\"pool_size\":[1],\"act_num_int_bits\":[1],\"act_num_frac_bits\":[4],\"weight_num_int_bits\":[1],\"weight_num_frac_bits\":[4]}");
        var run = CliRun.Of("space", "validate", file.Path, "--within", "paper");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("key 'filter_height': 2 not in paper {1, 3, 5, 7, 9}", run.Error, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(run.Out).RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Validate_reports_every_bad_architecture_line_with_layer_and_key()
    {
        var bad = GoodLayer.Replace("\"num_filters\":36", "\"num_filters\":128", StringComparison.Ordinal);
        using var file = new TempFile($"{{\"layers\":[{GoodLayer}]}}\n{{\"layers\":[{GoodLayer},{bad}]}}\n\n{{\"layers\":[]}}\n");
        var run = CliRun.Of("space", "validate", file.Path, "--within", "paper:S2");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 2: layer 2, key 'num_filters': value 128 is not in the space {24, 36, 48, 64}", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4: key 'layers' is empty", run.Error, StringComparison.Ordinal);
        var summary = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(3, summary.GetProperty("architectures").GetInt32());
        Assert.Equal(2, summary.GetProperty("invalid").GetInt32());
    }

    [Fact]
    public void Validate_loads_a_presets_document_and_reports_its_errata()
    {
        using var file = new TempFile(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "paper-presets.json")));
        var run = CliRun.Of("space", "validate", file.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("S3, stride_width: lists 0", run.Error, StringComparison.Ordinal);
        Assert.Equal(9, JsonDocument.Parse(run.Out).RootElement.GetProperty("subspaces").GetInt32());
    }

    [Theory]
    [InlineData("{\"filter_height\":[1,3", "not valid JSON")]
    [InlineData("", "the file is empty")]
    [InlineData("{\"filter_height\":[1.5]}", "key 'filter_height': expected an integer, got 1.5")]
    public void Validate_refuses_broken_files(string text, string expected)
    {
        using var file = new TempFile(text);
        var run = CliRun.Of("space", "validate", file.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("fpga")]
    [InlineData("space")]
    [InlineData("space", "show")]
    [InlineData("space", "validate")]
    [InlineData("space", "partition")]
    public void Every_command_has_help(params string[] command)
    {
        var run = CliRun.Of([.. command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains("--help", run.Out, StringComparison.Ordinal);
    }
}
