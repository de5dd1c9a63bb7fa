using System.Text.Json;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

public class FpgaCommandTests
{
    // the spec's whole-network check case (fpga-model.md)
    private static readonly string SpecArchitecture = Architecture(
        (3, 3, 64, 1, 1, 1), (7, 5, 48, 1, 1, 1), (5, 5, 48, 2, 1, 1), (3, 5, 64, 1, 1, 1), (5, 7, 36, 1, 1, 1), (3, 1, 64, 1, 2, 2));

    private static readonly string TinyArchitecture = Architecture(Enumerable.Repeat((1, 1, 4, 5, 5, 1), 6).ToArray());

    [Fact]
    public void Estimates_the_spec_check_case_with_groups_and_tilings()
    {
        var run = CliRun.WithInput(SpecArchitecture + "\n", "fpga", "--model", "naqs-2019", "--lut-limit", "100000", "--min-throughput", "10");
        Assert.Equal(0, run.ExitCode);
        using var result = JsonDocument.Parse(Assert.Single(run.OutLines));
        var root = result.RootElement;
        Assert.Equal(99_968, root.GetProperty("luts").GetInt64());
        Assert.Equal(599.959, root.GetProperty("throughput").GetDouble(), 3);
        Assert.True(root.GetProperty("feasible").GetBoolean());
        var groups = root.GetProperty("groups").EnumerateArray()
            .Select(g => string.Join(",", g.EnumerateArray().Select(t => $"({t.GetProperty("tn").GetInt32()},{t.GetProperty("tm").GetInt32()})")))
            .ToList();
        Assert.Equal(["(3,64)", "(64,48),(48,48)", "(48,64),(64,36),(9,13)"], groups);
        Assert.Equal(["luts", "cycles", "throughput", "feasible", "groups"], root.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_bad_line_yields_an_error_line_in_place_and_the_run_goes_on()
    {
        var stdin = string.Join('\n', SpecArchitecture, "{\"layers\":[{\"filter_height\":3", TinyArchitecture.Replace("\"stride_height\":5", "\"stride_height\":0", StringComparison.Ordinal), TinyArchitecture, string.Empty);
        var run = CliRun.WithInput(stdin, "fpga", "--model", "tiled");
        Assert.Equal(1, run.ExitCode);
        var lines = run.OutLines;
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("{\"luts\":", lines[0], StringComparison.Ordinal);
        Assert.Contains("line 2: not valid JSON", JsonDocument.Parse(lines[1]).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 3: layer 1, key 'stride_height': value 0 is not admissible", JsonDocument.Parse(lines[2]).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(lines[3]).RootElement.GetProperty("feasible").GetBoolean());
        Assert.Contains("2 of 4 line(s) failed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_architectures_from_a_file()
    {
        using var file = new TempFile(TinyArchitecture + "\n" + TinyArchitecture + "\n");
        var run = CliRun.Of("fpga", "--model", "naqs-2019", "--input", file.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.OutLines.Length);
        Assert.All(run.OutLines, line => Assert.Equal(124, JsonDocument.Parse(line).RootElement.GetProperty("luts").GetInt64()));
    }

    [Fact]
    public void Constraints_decide_feasibility()
    {
        var strict = CliRun.WithInput(SpecArchitecture, "fpga", "--model", "naqs-2019", "--min-throughput", "1000");
        Assert.Equal(0, strict.ExitCode);
        var root = JsonDocument.Parse(Assert.Single(strict.OutLines)).RootElement;
        Assert.False(root.GetProperty("feasible").GetBoolean());
        Assert.Equal(0, root.GetProperty("throughput").GetDouble());
    }

    [Theory]
    [InlineData("--model", "vivado")]
    [InlineData("--model", "tiled", "--lut-limit", "0")]
    [InlineData("--model", "tiled", "--min-throughput", "-1")]
    [InlineData("--model", "tiled", "--input", "/nonexistent/architectures.jsonl")]
    [InlineData("--lut-limit", "5")]
    public void Bad_options_are_refused_with_a_message(params string[] options)
    {
        var run = CliRun.WithInput(TinyArchitecture, ["fpga", .. options]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.NotEmpty(run.Error);
        Assert.Empty(run.OutLines);
    }

    private static string Architecture(params (int Fh, int Fw, int Filters, int Sh, int Sw, int Pool)[] layers) =>
        "{\"layers\":[" + string.Join(",", layers.Select(l =>
            $"{{\"filter_height\":{l.Fh},\"filter_width\":{l.Fw},\"num_filters\":{l.Filters},\"stride_height\":{l.Sh},\"stride_width\":{l.Sw},\"pool_size\":{l.Pool}," +
            (l.Filters == 4 ? "\"act_num_int_bits\":0,\"act_num_frac_bits\":0,\"weight_num_int_bits\":0,\"weight_num_frac_bits\":0}" : "\"act_num_int_bits\":1,\"act_num_frac_bits\":4,\"weight_num_int_bits\":1,\"weight_num_frac_bits\":4}"))) + "]}";
}
