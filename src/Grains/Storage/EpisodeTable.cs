using System.Collections.Immutable;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Subspaces;

namespace PoNasOrleans.Grains.Storage;

/// <summary>
/// The append-only episode logs of all subspaces, in the Azure table "episodes": one partition per subspace
/// ("{height}-{name}"), one row per accepted episode keyed by its index in acceptance order. Rows are only ever
/// inserted, so a retried insert finds the row it wrote before.
/// </summary>
public sealed class EpisodeTable(TableServiceClient tables)
{
    /// <summary>The table's name.</summary>
    public const string Name = "episodes";

    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = tables.GetTableClient(Name);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    /// <summary>Inserts an entry; when its row exists already, returns the stored entry instead (and writes nothing).</summary>
    public async Task<EpisodeEntry> Append(long height, string subspace, EpisodeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await table.Value;
        try
        {
            await client.AddEntityAsync(ToEntity(height, subspace, entry));
            return entry;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await client.GetEntityAsync<TableEntity>(Partition(height, subspace), RowKey(entry.Index));
            return FromEntity(stored.Value);
        }
    }

    /// <summary>The entry of a miner's episode, if the log holds it.</summary>
    public async Task<EpisodeEntry?> Find(long height, string subspace, string minerId, long sequence)
    {
        var client = await table.Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(height, subspace)} and MinerId eq {minerId} and Sequence eq {sequence}");
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, maxPerPage: 1))
        {
            return FromEntity(entity);
        }

        return null;
    }

    /// <summary>Entries in acceptance order.</summary>
    public async Task<ImmutableArray<EpisodeEntry>> Read(long height, string subspace, int skip, int take)
    {
        var client = await table.Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(height, subspace)} and RowKey ge {RowKey(skip + 1)}");
        var entries = ImmutableArray.CreateBuilder<EpisodeEntry>();
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000)))
        {
            if (entries.Count == take)
            {
                break;
            }

            entries.Add(FromEntity(entity));
        }

        return entries.ToImmutable();
    }

    private static string Partition(long height, string subspace) => $"{height}-{subspace}";

    private static string RowKey(long index) => index.ToString("D12", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(long height, string subspace, EpisodeEntry entry)
    {
        var report = entry.Report;
        return new TableEntity(Partition(height, subspace), RowKey(entry.Index))
        {
            ["MinerId"] = entry.MinerId,
            ["Sequence"] = report.Sequence,
            ["Kind"] = report.Kind.ToString(),
            ["Architecture"] = report.Architecture,
            ["Luts"] = report.Luts,
            ["Throughput"] = report.Throughput,
            ["Feasible"] = report.Feasible,
            ["Reward"] = report.Reward,
            ["ImagesTrained"] = report.ImagesTrained,
            ["Seconds"] = report.Seconds,
            ["ModelName"] = report.Model?.Name,
            ["ModelSha256"] = report.Model?.Sha256,
            ["CheckpointName"] = report.Checkpoint?.Name,
            ["CheckpointSha256"] = report.Checkpoint?.Sha256,
            ["ControllerEpisodes"] = report.ControllerEpisodes,
            ["WorkUnits"] = entry.WorkUnits,
            ["AcceptedAt"] = entry.AcceptedAt,
        };
    }

    private static EpisodeEntry FromEntity(TableEntity entity)
    {
        var height = long.Parse(entity.PartitionKey.AsSpan(0, entity.PartitionKey.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        var subspace = entity.PartitionKey[(entity.PartitionKey.IndexOf('-', StringComparison.Ordinal) + 1)..];
        var report = new EpisodeSubmission(
            height,
            subspace,
            entity.GetInt64("Sequence") ?? 0,
            Enum.Parse<EpisodeKind>(entity.GetString("Kind")),
            entity.GetString("Architecture"),
            entity.GetInt64("Luts") ?? 0,
            entity.GetDouble("Throughput") ?? 0,
            entity.GetBoolean("Feasible") ?? false,
            entity.GetDouble("Reward") ?? 0,
            entity.GetInt64("ImagesTrained") ?? 0,
            entity.GetDouble("Seconds") ?? 0,
            Blob(entity, "Model"),
            Blob(entity, "Checkpoint"),
            entity.GetInt64("ControllerEpisodes") ?? 0);
        return new EpisodeEntry(
            long.Parse(entity.RowKey, CultureInfo.InvariantCulture),
            entity.GetString("MinerId"),
            report,
            entity.GetInt64("WorkUnits") ?? 0,
            entity.GetDateTimeOffset("AcceptedAt") ?? DateTimeOffset.MinValue);
    }

    private static BlobRef? Blob(TableEntity entity, string prefix) =>
        entity.GetString(prefix + "Name") is { } name ? new BlobRef(name, entity.GetString(prefix + "Sha256")) : null;
}
