using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// <c>ponas ledger</c>: the pool's ledger of credited rewards, read from its JSON API (docs/api.md,
/// <c>GET /api/ledger/blocks</c> and <c>GET /api/ledger/miners/{id}</c>): the credited blocks, or one miner's credits,
/// as a table with totals, or the API's JSON.
/// </summary>
internal static class LedgerCommand
{
    /// <summary>Blocks listed when <c>--take</c> is not given (the API's default).</summary>
    public const int DefaultTake = 100;

    /// <summary>The most blocks the API lists at once.</summary>
    public const int MaxTake = 1000;

    public static Command Create(CliConsole console)
    {
        var api = new Option<string>("--api") { Description = "the pool's HTTP address, where its JSON API is served (the silo's --urls), e.g. http://localhost:5000", Required = true, HelpName = "URL" };
        var miner = new Option<string?>("--miner") { Description = "list this miner's credits instead of the credited blocks", HelpName = "ID" };
        // read as text so that a non-number gets the same error line as a number out of range
        var take = new Option<string?>("--take") { Description = $"the newest N credited blocks, 1–{MaxTake} (default {DefaultTake}); not with --miner", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "print the API's JSON answer (indented) instead of a table" };

        var command = new Command("ledger", "Show the pool's ledger of credited rewards: the credited blocks, or one miner's credits, with totals (amounts in the smallest unit)")
        {
            api, miner, take, json,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var client = PoolApiClient.For(parse.GetRequiredValue(api), "--api");
            var minerId = parse.GetValue(miner);
            var count = Take(parse.GetValue(take));
            if (minerId is not null && count is not null)
            {
                throw new ArgumentException("--take limits the list of credited blocks; a miner's credits (--miner) come all at once");
            }

            if (minerId is not null && !MinerIds.IsValid(minerId))
            {
                throw new ArgumentException($"--miner: '{minerId}' is not a miner id ({MinerIds.Rule})");
            }

            var path = minerId is null
                ? string.Create(CultureInfo.InvariantCulture, $"api/ledger/blocks?take={count ?? DefaultTake}")
                : $"api/ledger/miners/{minerId}";
            using var answer = client.Get(path);
            if (parse.GetValue(json))
            {
                WriteIndented(answer.RootElement, console.Out);
            }
            else if (minerId is null)
            {
                LedgerReport.WriteBlocks(answer.RootElement, client.Address(path), console.Out);
            }
            else
            {
                LedgerReport.WriteMinerCredits(answer.RootElement, client.Address(path), console.Out);
            }

            console.Out.Flush();
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The value of <c>--take</c>: null when not given, else a whole number 1–<see cref="MaxTake"/>.</summary>
    private static int? Take(string? text) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxTake ? count
        : throw new ArgumentException($"--take must be a whole number 1–{MaxTake}, not '{text}'");

    /// <summary>The JSON as the API wrote it, indented: numbers keep their digits, and text is not escaped beyond what JSON needs.</summary>
    private static void WriteIndented(JsonElement answer, TextWriter output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            answer.WriteTo(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
