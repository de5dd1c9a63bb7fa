using System.Text.Json;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

public sealed class LedgerCommandTests
{
    private const string Blocks = """
        [{"height":3,"reward":1000003,"poolFee":15000,"finderBonus":49250,"finder":"m3","miners":7,"workUnits":56,"creditedAt":"2025-06-03T12:00:00.1234567+00:00"},
         {"height":1,"reward":1000,"poolFee":10,"finderBonus":0,"finder":null,"miners":2,"workUnits":10,"creditedAt":"2025-06-01T14:30:00+02:00"}]
        """;

    private const string Credits = """
        {"minerId":"m3","total":166220,"credits":[
          {"height":1,"amount":1,"workUnits":0,"finder":false,"creditedAt":"2025-06-01T12:30:00+00:00"},
          {"height":3,"amount":166219,"workUnits":7,"finder":true,"creditedAt":"2025-06-03T12:00:00.1234567+00:00"}]}
        """;

    [Fact]
    public void The_credited_blocks_are_an_aligned_table_with_totals()
    {
        using var api = new CannedHttpServer().Answer("/api/ledger/blocks?take=100", Blocks);
        var run = CliRun.Of("ledger", "--api", api.Root);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(
            [
                "height   reward  pool fee  finder bonus  finder  miners  work units  credited at",
                "     3  1000003     15000         49250  m3           7          56  2025-06-03T12:00:00Z",
                "     1     1000        10             0  -            2          10  2025-06-01T12:30:00Z",
                " total  1001003     15010         49250                          66  2 blocks",
            ],
            run.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["/api/ledger/blocks?take=100"], api.Requests);
    }

    [Fact]
    public void Take_is_passed_to_the_api_and_a_path_of_the_address_is_kept()
    {
        using var api = new CannedHttpServer().Answer("/pool/api/ledger/blocks?take=1", "[]");
        var run = CliRun.Of("ledger", "--api", api.Root + "/pool/", "--take", "1");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no credited blocks", run.Out.Trim());
        Assert.Equal(["/pool/api/ledger/blocks?take=1"], api.Requests);
    }

    [Fact]
    public void Amounts_are_exact_integers_and_totals_do_not_overflow()
    {
        const string huge = """
            [{"height":2,"reward":9223372036854775807,"poolFee":922337203685477,"finderBonus":1,"finder":"a","miners":3,"workUnits":9223372036854775807,"creditedAt":"2025-06-02T00:00:00Z"},
             {"height":1,"reward":9223372036854775807,"poolFee":3,"finderBonus":0,"finder":null,"miners":1,"workUnits":1,"creditedAt":"2025-06-01T00:00:00Z"}]
            """;
        using var api = new CannedHttpServer().Answer("/api/ledger/blocks?take=2", huge);
        var run = CliRun.Of("ledger", "--api", api.Root, "--take", "2");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal(["2", "9223372036854775807", "922337203685477", "1", "a", "3", "9223372036854775807", "2025-06-02T00:00:00Z"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // 2 × long.MaxValue and long.MaxValue + 1, digit for digit
        Assert.Equal(["total", "18446744073709551614", "922337203685480", "1", "9223372036854775808", "2", "blocks"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(lines[0].IndexOf("work units", StringComparison.Ordinal) + "work units".Length, lines[3].IndexOf("9223372036854775808", StringComparison.Ordinal) + "9223372036854775808".Length);
    }

    [Fact]
    public void A_miner_s_credits_are_a_table_with_its_total()
    {
        using var api = new CannedHttpServer().Answer("/api/ledger/miners/m3", Credits);
        var run = CliRun.Of("ledger", "--api", api.Root, "--miner", "m3");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(
            [
                "miner m3: 2 credited blocks (finder of 1), total 166220",
                "height  amount  work units  finder  credited at",
                "     1       1           0          2025-06-01T12:30:00Z",
                "     3  166219           7  yes     2025-06-03T12:00:00Z",
                " total  166220           7          2 blocks",
            ],
            run.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["/api/ledger/miners/m3"], api.Requests);
    }

    [Fact]
    public void A_miner_without_credits_has_total_zero()
    {
        var id = "R" + new string('x', 62) + "_";
        using var api = new CannedHttpServer().Answer($"/api/ledger/miners/{id}", $$"""{"minerId":"{{id}}","total":0,"credits":[]}""");
        var run = CliRun.Of("ledger", "--api", api.Root, "--miner", id);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"miner {id}: no credits (total 0)", run.Out.Trim());
    }

    [Theory]
    [InlineData("/api/ledger/blocks?take=100", Blocks)]
    [InlineData("/api/ledger/miners/m3", Credits)]
    public void Json_prints_the_api_s_answer_as_is_indented(string path, string body)
    {
        using var api = new CannedHttpServer().Answer(path, body);
        var run = CliRun.Of(path.Contains("miners", StringComparison.Ordinal) ? ["ledger", "--api", api.Root, "--miner", "m3", "--json"] : ["ledger", "--api", api.Root, "--json"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var printed = JsonDocument.Parse(run.Out);
        using var served = JsonDocument.Parse(body);
        Assert.True(JsonElement.DeepEquals(served.RootElement, printed.RootElement));
        Assert.Contains("\"creditedAt\": \"2025-06-03T12:00:00.1234567+00:00\"", run.Out, StringComparison.Ordinal);
        Assert.Contains(Environment.NewLine + "  ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_keeps_every_digit_of_an_amount()
    {
        const string body = """[{"height":1,"reward":9223372036854775807,"poolFee":0,"finderBonus":0,"finder":null,"miners":0,"workUnits":0,"creditedAt":"2025-06-01T00:00:00Z"}]""";
        using var api = new CannedHttpServer().Answer("/api/ledger/blocks?take=100", body);
        var run = CliRun.Of("ledger", "--api", api.Root, "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"reward\": 9223372036854775807,", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_api_is_named()
    {
        var port = CannedHttpServer.FreePort();
        var run = CliRun.Of("ledger", "--api", $"http://127.0.0.1:{port}");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: cannot reach the pool's API at http://127.0.0.1:{port}/api/ledger/blocks?take=100: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void An_http_error_gives_the_status_and_the_problem_s_detail()
    {
        const string problem = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.1","title":"An error occurred while processing your request.","status":500,"detail":"the ledger table is unavailable"}""";
        using var api = new CannedHttpServer().Answer("/api/ledger/blocks?take=7", problem, 500, "application/problem+json");
        var run = CliRun.Of("ledger", "--api", api.Root, "--take", "7");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: GET {api.Root}/api/ledger/blocks?take=7: HTTP 500 Internal Server Error: the ledger table is unavailable", run.Error.Trim());
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void A_miner_id_the_pool_refuses_gives_its_detail()
    {
        using var api = new CannedHttpServer().Answer("/api/ledger/miners/m9", """{"title":"Bad Request","status":400,"detail":"'m9' is not a miner id"}""", 400, "application/problem+json");
        var run = CliRun.Of("ledger", "--api", api.Root, "--miner", "m9");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: GET {api.Root}/api/ledger/miners/m9: HTTP 400 Bad Request: 'm9' is not a miner id", run.Error.Trim());
    }

    [Fact]
    public void An_http_error_without_a_problem_gives_the_status()
    {
        using var api = new CannedHttpServer();
        var run = CliRun.Of("ledger", "--api", api.Root + "/wrong");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: GET {api.Root}/wrong/api/ledger/blocks?take=100: HTTP 404 Not Found", run.Error.Trim());
    }

    [Theory]
    [InlineData(502, "text/plain", "upstream connect error\nretrying", "HTTP 502 Bad Gateway: upstream connect error")]
    [InlineData(503, "text/html", "<html><body>down for maintenance</body></html>", "HTTP 503 Service Unavailable")]
    public void A_proxy_s_error_gives_the_status_and_a_plain_text_line(int status, string contentType, string body, string expected)
    {
        using var api = new CannedHttpServer().Answer("/api/ledger/blocks?take=100", body, status, contentType);
        var run = CliRun.Of("ledger", "--api", api.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: GET {api.Root}/api/ledger/blocks?take=100: {expected}", run.Error.Trim());
    }

    [Theory]
    [InlineData("<html>a proxy's page</html>", "the answer is not JSON")]
    [InlineData("""{"height":1}""", "the answer is not a JSON array of credited blocks")]
    [InlineData("""[{"height":1,"reward":1.5,"poolFee":0,"finderBonus":0,"finder":null,"miners":1,"workUnits":1,"creditedAt":"2025-06-01T00:00:00Z"}]""", "block 1 of the answer: 'reward' is missing or not a 64-bit integer")]
    [InlineData("""[{"height":1,"reward":1,"poolFee":0,"finderBonus":0,"finder":null,"miners":1,"workUnits":1,"creditedAt":"2025-06-01T00:00:00Z"},{"height":2,"reward":1,"finderBonus":0,"finder":null,"miners":1,"workUnits":1,"creditedAt":"2025-06-01T00:00:00Z"}]""", "block 2 of the answer: 'poolFee' is missing or not a 64-bit integer")]
    [InlineData("""[{"height":1,"reward":1,"poolFee":0,"finderBonus":0,"finder":7,"miners":1,"workUnits":1,"creditedAt":"2025-06-01T00:00:00Z"}]""", "block 1 of the answer: 'finder' is neither a miner id nor null")]
    [InlineData("""[{"height":1,"reward":1,"poolFee":0,"finderBonus":0,"finder":null,"miners":1,"workUnits":1,"creditedAt":"yesterday"}]""", "block 1 of the answer: 'creditedAt' is missing or not an ISO 8601 time")]
    public void An_answer_that_is_not_the_ledger_is_refused(string body, string expected)
    {
        using var api = new CannedHttpServer().Answer("/api/ledger/blocks?take=100", body);
        var run = CliRun.Of("ledger", "--api", api.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: GET {api.Root}/api/ledger/blocks?take=100: {expected}", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("""{"minerId":"m3","total":2,"credits":[{"height":1,"amount":1,"workUnits":0,"finder":false,"creditedAt":"2025-06-01T00:00:00Z"}]}""", "the answer's total 2 is not the sum of its credits, 1")]
    [InlineData("""{"minerId":"m3","total":1,"credits":[{"height":1,"amount":1,"workUnits":0,"finder":"yes","creditedAt":"2025-06-01T00:00:00Z"}]}""", "credit 1 of the answer: 'finder' is missing or not true or false")]
    [InlineData("""{"minerId":"m3","total":1}""", "'credits' is missing or not an array")]
    [InlineData("""[]""", "the answer is not a JSON object of a miner's credits")]
    public void A_miner_answer_that_is_not_the_ledger_is_refused(string body, string expected)
    {
        using var api = new CannedHttpServer().Answer("/api/ledger/miners/m3", body);
        var run = CliRun.Of("ledger", "--api", api.Root, "--miner", "m3");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: GET {api.Root}/api/ledger/miners/m3: {expected}", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/ledger")]
    [InlineData("localhost:5000")]
    [InlineData("/api")]
    [InlineData("not a url")]
    [InlineData("file:///tmp/ledger.json")]
    [InlineData("")]
    public void The_api_must_be_an_absolute_http_or_https_url(string url)
    {
        var run = CliRun.Of("ledger", "--api", url);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: --api: '{url}' is not an absolute http or https URL (for example http://localhost:5000)", run.Error.Trim());
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/?take=5")]
    [InlineData("http://127.0.0.1:5000/#ledger")]
    public void The_api_has_no_query_or_fragment(string url)
    {
        var run = CliRun.Of("ledger", "--api", url);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--api: '{url}' has a query or fragment", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1001")]
    [InlineData("2147483648")]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData("")]
    public void Take_is_a_whole_number_from_1_to_1000(string take)
    {
        using var api = new CannedHttpServer();
        var run = CliRun.Of("ledger", "--api", api.Root, "--take", take);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: --take must be a whole number 1–1000, not '{take}'", run.Error.Trim());
        Assert.Equal(string.Empty, run.Out);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1000")]
    public void Take_accepts_its_bounds(string take)
    {
        using var api = new CannedHttpServer().Answer($"/api/ledger/blocks?take={take}", "[]");
        var run = CliRun.Of("ledger", "--api", api.Root, "--take", take);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"/api/ledger/blocks?take={take}"], api.Requests);
    }

    [Fact]
    public void Take_does_not_go_with_a_miner()
    {
        using var api = new CannedHttpServer();
        var run = CliRun.Of("ledger", "--api", api.Root, "--miner", "m3", "--take", "5");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --take limits the list of credited blocks", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-rig")]
    [InlineData("_rig")]
    [InlineData("rig 7")]
    [InlineData("rig/7")]
    [InlineData("rig.7")]
    [InlineData("rig\n")]
    [InlineData("räg")]
    [InlineData("r12345678901234567890123456789012345678901234567890123456789012345")]
    public void A_malformed_miner_id_is_refused_before_asking(string id)
    {
        using var api = new CannedHttpServer();
        var run = CliRun.Of("ledger", "--api", api.Root, "--miner", id);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: --miner: '{id}' is not a miner id (1–64 letters, digits, '-' or '_', starting with a letter or digit)", run.Error.Trim());
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void The_api_is_required_and_the_help_names_every_option()
    {
        var missing = CliRun.Of("ledger");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Option '--api' is required", missing.Error, StringComparison.Ordinal);

        var help = CliRun.Of("ledger", "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--api", "--miner", "--take", "--json" })
        {
            Assert.Contains(option, help.Out, StringComparison.Ordinal);
        }
    }
}
