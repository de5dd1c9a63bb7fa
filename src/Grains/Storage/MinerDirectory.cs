using Azure.Data.Tables;

namespace PoNasOrleans.Grains.Storage;

/// <summary>The ids of registered miners, in the Azure table "miners" (one small row each), so the operator can list them without a grain holding them all.</summary>
public sealed class MinerDirectory(TableServiceClient tables)
{
    /// <summary>The table's name.</summary>
    public const string Name = "miners";

    private const string Partition = "miner";

    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = tables.GetTableClient(Name);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    /// <summary>Adds a miner (idempotent).</summary>
    public async Task Add(string minerId, string displayName, DateTimeOffset registeredAt)
    {
        var client = await table.Value;
        await client.UpsertEntityAsync(new TableEntity(Partition, minerId) { ["DisplayName"] = displayName, ["RegisteredAt"] = registeredAt });
    }

    /// <summary>Miner ids in order, from <paramref name="after"/> (exclusive), at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<string>> List(string? after, int take)
    {
        var client = await table.Value;
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {after}");
        var ids = new List<string>();
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), select: ["RowKey"]))
        {
            if (ids.Count == take)
            {
                break;
            }

            ids.Add(entity.RowKey);
        }

        return ids;
    }
}
