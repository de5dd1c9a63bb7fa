using System.Collections.Immutable;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Subspaces;

namespace PoNasOrleans.Grains.Storage;

/// <summary>
/// The append-only episode logs of all subspaces, in the Azure table "episodes": one partition per subspace
/// ("{height}-{name}"), one row per accepted episode keyed by its index in acceptance order, and beside it, written
/// in the same transaction, a row keyed by the miner and its sequence number, so that one miner's episode is stored
/// at most once. Rows are only ever inserted, so a retried insert finds the rows it wrote before.
/// </summary>
public sealed class EpisodeTable(TableServiceClient tables)
{
    /// <summary>The table's name.</summary>
    public const string Name = "episodes";

    private const string MinerRowPrefix = "m~";

    private readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = tables.GetTableClient(Name);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    /// <summary>The most entries <see cref="TryAppendAll"/> writes in one transaction (two rows each; a table transaction holds at most 100).</summary>
    public const int MaxBatch = 50;

    /// <summary>
    /// Inserts an entry together with its miner row (one transaction): written, or nothing written because the
    /// miner's episode is stored already or because another entry holds the index (its stored entry is returned).
    /// </summary>
    public async Task<Appended> Append(long height, string subspace, EpisodeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (await TryAppendAll(height, subspace, [entry]))
        {
            return new Appended(AppendOutcome.Stored, entry);
        }

        if (await Find(height, subspace, entry.MinerId, entry.Report.Sequence) is { } episode)
        {
            return new Appended(AppendOutcome.EpisodeExists, episode);
        }

        var client = await table.Value;
        var stored = await client.GetEntityAsync<TableEntity>(Partition(height, subspace), RowKey(entry.Index));
        return new Appended(AppendOutcome.IndexTaken, FromEntity(stored.Value));
    }

    /// <summary>
    /// Inserts entries (1 to <see cref="MaxBatch"/>, of different miner episodes) with their miner rows in one
    /// transaction: true when all were written, false when none was because one of the rows exists already (an
    /// episode stored before, or an index taken).
    /// </summary>
    public async Task<bool> TryAppendAll(long height, string subspace, IReadOnlyList<EpisodeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfZero(entries.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(entries.Count, MaxBatch);
        var client = await table.Value;
        try
        {
            await client.SubmitTransactionAsync(entries.SelectMany(entry => new[]
            {
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(height, subspace, entry)),
                new TableTransactionAction(TableTransactionActionType.Add, MinerRow(height, subspace, entry)),
            }));
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The entry of a miner's episode, if the log holds it (a point read of its miner row, then of its entry).</summary>
    public async Task<EpisodeEntry?> Find(long height, string subspace, string minerId, long sequence)
    {
        var client = await table.Value;
        var row = await client.GetEntityIfExistsAsync<TableEntity>(Partition(height, subspace), MinerRowKey(minerId, sequence));
        if (!row.HasValue || row.Value!.GetInt64("Index") is not { } index)
        {
            return null;
        }

        var entry = await client.GetEntityAsync<TableEntity>(Partition(height, subspace), RowKey(index));
        return FromEntity(entry.Value);
    }

    /// <summary>Entries in acceptance order, from index <paramref name="skip"/> + 1.</summary>
    public async Task<ImmutableArray<EpisodeEntry>> Read(long height, string subspace, long skip, int take)
    {
        var client = await table.Value;
        // entry rows are 12 digits; miner rows ("m~…"; a row key cannot hold "/") sort after every digit
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(height, subspace)} and RowKey ge {RowKey(skip + 1)} and RowKey lt {MinerRowPrefix}");
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

    private static string MinerRowKey(string minerId, long sequence) => $"{MinerRowPrefix}{minerId}~{sequence.ToString("D12", CultureInfo.InvariantCulture)}";

    /// <summary>The row that makes a miner's sequence number unique in the partition and points at its entry.</summary>
    private static TableEntity MinerRow(long height, string subspace, EpisodeEntry entry) =>
        new(Partition(height, subspace), MinerRowKey(entry.MinerId, entry.Report.Sequence)) { ["Index"] = entry.Index };

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

