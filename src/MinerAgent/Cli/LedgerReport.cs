using System.Globalization;
using System.Text.Json;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// The pool's ledger of credited rewards as text tables (<c>ponas ledger</c>): the credited blocks, or one miner's
/// credits, each with a totals line. Amounts are integers in the smallest unit, read and summed as integers (totals
/// in 128 bits, so no sum can overflow) and printed with all their digits.
/// </summary>
internal static class LedgerReport
{
    /// <summary>Writes the answer of <c>GET /api/ledger/blocks</c>: one row per block, in the API's order (newest first).</summary>
    public static void WriteBlocks(JsonElement answer, Uri address, TextWriter output)
    {
        if (answer.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"GET {address}: the answer is not a JSON array of credited blocks");
        }

        if (answer.GetArrayLength() == 0)
        {
            output.WriteLine("no credited blocks");
            return;
        }

        var table = new TextTable(("height", true), ("reward", true), ("pool fee", true), ("finder bonus", true), ("finder", false), ("miners", true), ("work units", true), ("credited at", false));
        Int128 reward = 0, poolFee = 0, finderBonus = 0, workUnits = 0;
        var index = 0;
        foreach (var block in answer.EnumerateArray())
        {
            var where = $"GET {address}: block {++index} of the answer";
            var values = (Height: Integer(block, "height", where), Reward: Integer(block, "reward", where), PoolFee: Integer(block, "poolFee", where),
                FinderBonus: Integer(block, "finderBonus", where), Finder: Finder(block, where), Miners: Integer(block, "miners", where),
                WorkUnits: Integer(block, "workUnits", where), CreditedAt: Time(block, "creditedAt", where));
            table.Add(Text(values.Height), Text(values.Reward), Text(values.PoolFee), Text(values.FinderBonus), values.Finder ?? "-", Text(values.Miners), Text(values.WorkUnits), values.CreditedAt);
            reward += values.Reward;
            poolFee += values.PoolFee;
            finderBonus += values.FinderBonus;
            workUnits += values.WorkUnits;
        }

        table.Add("total", Text(reward), Text(poolFee), Text(finderBonus), string.Empty, string.Empty, Text(workUnits), Count(index, "block"));
        table.Write(output);
    }

    /// <summary>Writes the answer of <c>GET /api/ledger/miners/{id}</c>: a title line, then one row per credit (oldest first).</summary>
    public static void WriteMinerCredits(JsonElement answer, Uri address, TextWriter output)
    {
        var where = $"GET {address}";
        if (answer.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: the answer is not a JSON object of a miner's credits");
        }

        var minerId = answer.TryGetProperty("minerId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : throw new InvalidDataException($"{where}: 'minerId' is missing or not a string");
        var total = Integer(answer, "total", where);
        if (!answer.TryGetProperty("credits", out var credits) || credits.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{where}: 'credits' is missing or not an array");
        }

        var table = new TextTable(("height", true), ("amount", true), ("work units", true), ("finder", false), ("credited at", false));
        Int128 amount = 0, workUnits = 0;
        var index = 0;
        var found = 0;
        foreach (var credit in credits.EnumerateArray())
        {
            var at = $"{where}: credit {++index} of the answer";
            var values = (Height: Integer(credit, "height", at), Amount: Integer(credit, "amount", at), WorkUnits: Integer(credit, "workUnits", at),
                Finder: Boolean(credit, "finder", at), CreditedAt: Time(credit, "creditedAt", at));
            table.Add(Text(values.Height), Text(values.Amount), Text(values.WorkUnits), values.Finder ? "yes" : string.Empty, values.CreditedAt);
            amount += values.Amount;
            workUnits += values.WorkUnits;
            found += values.Finder ? 1 : 0;
        }

        if (amount != total)
        {
            throw new InvalidDataException($"{where}: the answer's total {Text(total)} is not the sum of its credits, {Text(amount)}");
        }

        if (index == 0)
        {
            output.WriteLine($"miner {minerId}: no credits (total 0)");
            return;
        }

        output.WriteLine($"miner {minerId}: {Count(index, "credited block")} (finder of {found}), total {Text(total)}");
        table.Add("total", Text(amount), Text(workUnits), string.Empty, Count(index, "block"));
        table.Write(output);
    }

    private static long Integer(JsonElement item, string name, string where) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new InvalidDataException($"{where}: '{name}' is missing or not a 64-bit integer");

    private static bool Boolean(JsonElement item, string name, string where) =>
        item.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new InvalidDataException($"{where}: '{name}' is missing or not true or false");

    /// <summary>A block's finder: a miner id, or null when the block had no single finder.</summary>
    private static string? Finder(JsonElement block, string where) =>
        !block.TryGetProperty("finder", out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InvalidDataException($"{where}: 'finder' is neither a miner id nor null");

    /// <summary>A time as UTC to the second, ISO 8601 (the JSON keeps the fractions).</summary>
    private static string Time(JsonElement item, string name, string where) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time)
            ? time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"{where}: '{name}' is missing or not an ISO 8601 time");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(Int128 value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
