using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PoNasOrleans.Nas.Rewards;

namespace PoNasOrleans.Grains.Storage;

/// <summary>
/// The credits of won blocks, in the Azure table "ledger": one row per (miner, height) in the miner's partition, so
/// a miner's credits are one partition query, and one row per credited block in partition <c>~blocks</c> (no miner
/// id starts with '~'). Rows are only inserted: crediting a block again finds its rows and writes nothing, and a
/// row that exists with another amount is an error, never overwritten.
/// </summary>
public sealed class RewardLedger(TableServiceClient tables)
{
    /// <summary>The table's name.</summary>
    public const string Name = "ledger";

    private const string Blocks = "~blocks";

    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = tables.GetTableClient(Name);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    /// <summary>Credits a block's split: the miners' rows first, the block's row last (its presence means the block is fully credited).</summary>
    public async Task Credit(long height, RewardSplit split, IReadOnlyDictionary<string, long> workUnits, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(workUnits);
        var client = await table.Value;
        foreach (var (minerId, amount) in split.Payouts)
        {
            await Insert(client, new TableEntity(minerId, RowKey(height))
            {
                ["Amount"] = amount,
                ["WorkUnits"] = workUnits.GetValueOrDefault(minerId),
                ["Finder"] = minerId == split.FinderId,
                ["CreditedAt"] = at,
            });
        }

        await Insert(client, new TableEntity(Blocks, RowKey(height))
        {
            ["Amount"] = split.Reward,
            ["PoolFee"] = split.PoolFee,
            ["FinderBonus"] = split.FinderBonus,
            ["Finder"] = split.FinderId,
            ["Miners"] = split.Payouts.Count,
            ["WorkUnits"] = workUnits.Values.Sum(),
            ["CreditedAt"] = at,
        });
    }

    /// <summary>The credited blocks, newest first, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<BlockCredit>> CreditedBlocks(int take)
    {
        var client = await table.Value;
        var blocks = new List<BlockCredit>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Blocks}")))
        {
            blocks.Add(new BlockCredit(
                long.Parse(row.RowKey, CultureInfo.InvariantCulture), row.GetInt64("Amount") ?? 0, row.GetInt64("PoolFee") ?? 0, row.GetInt64("FinderBonus") ?? 0,
                row.GetString("Finder"), row.GetInt32("Miners") ?? 0, row.GetInt64("WorkUnits") ?? 0, row.GetDateTimeOffset("CreditedAt") ?? default));
        }

        return [.. blocks.OrderByDescending(b => b.Height).Take(take)];
    }

    /// <summary>A miner's credits, oldest first.</summary>
    public async Task<IReadOnlyList<MinerCredit>> Credits(string minerId)
    {
        var client = await table.Value;
        var credits = new List<MinerCredit>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {minerId}")))
        {
            credits.Add(new MinerCredit(
                long.Parse(row.RowKey, CultureInfo.InvariantCulture), row.GetInt64("Amount") ?? 0, row.GetInt64("WorkUnits") ?? 0,
                row.GetBoolean("Finder") ?? false, row.GetDateTimeOffset("CreditedAt") ?? default));
        }

        return credits;
    }

    private static async Task Insert(TableClient client, TableEntity entity)
    {
        try
        {
            await client.AddEntityAsync(entity);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = (await client.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey)).Value;
            if (stored.GetInt64("Amount") != entity.GetInt64("Amount"))
            {
                throw new InvalidOperationException($"ledger row {entity.PartitionKey}/{entity.RowKey} holds {stored.GetInt64("Amount")}, not {entity.GetInt64("Amount")}: a block is never credited twice or differently");
            }
        }
    }

    private static string RowKey(long height) => height.ToString("D12", CultureInfo.InvariantCulture);
}

/// <summary>A credited block.</summary>
/// <param name="Height">Its height.</param>
/// <param name="Reward">The block reward.</param>
/// <param name="PoolFee">What the pool kept.</param>
/// <param name="FinderBonus">The finder's bonus (in its amount).</param>
/// <param name="Finder">The miner whose model won.</param>
/// <param name="Miners">Miners credited.</param>
/// <param name="WorkUnits">Work units of the block.</param>
/// <param name="CreditedAt">When it was credited.</param>
public sealed record BlockCredit(long Height, long Reward, long PoolFee, long FinderBonus, string? Finder, int Miners, long WorkUnits, DateTimeOffset CreditedAt);

/// <summary>One miner's credit for one block.</summary>
/// <param name="Height">The block.</param>
/// <param name="Amount">The amount credited, in the smallest unit.</param>
/// <param name="WorkUnits">Its work units in the block.</param>
/// <param name="Finder">Whether its model won the block.</param>
/// <param name="CreditedAt">When.</param>
public sealed record MinerCredit(long Height, long Amount, long WorkUnits, bool Finder, DateTimeOffset CreditedAt);
