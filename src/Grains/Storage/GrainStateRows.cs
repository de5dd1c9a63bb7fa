using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orleans.Storage;

namespace PoNasOrleans.Grains.Storage;

/// <summary>
/// Grain storage "pool": Orleans' Azure Table grain storage, with a row key of each grain's own. Orleans keys a
/// grain's state by its id (partition key) and the state's name (row key, e.g. "miner"), so the states of all
/// miners share one row key. Azure Table storage finds an entity by both keys at once, but Azurite, where the pool
/// runs in development, tests and benchmarks, looks rows up by row key first and then compares the partition keys of
/// every row that shares it: each of 10,000 miners' heartbeat stores scanned 10,000 rows, and Azurite saturated at
/// about 120 state writes per second (docs/benchmarks.md). Here the row key is the state's name and a hash of the
/// grain's id ("miner~0f3a…"), which costs nothing on Azure and makes Azurite's look-up a direct one.
/// A state stored under the earlier row key (the bare state name) is still read, and moves to its own row with the
/// grain's next write; clearing a state clears both rows.
/// </summary>
public sealed class GrainStateRows(IGrainStorage table) : IGrainStorage
{
    /// <summary>The name Orleans' Azure Table grain storage is registered under, beneath this one.</summary>
    public const string TableStorage = "pool-table";

    /// <summary>The row key of a grain's state: the state's name, "~", and 16 hex digits of the SHA-256 of the grain's id.</summary>
    public static string RowKey(string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(grainId.ToString()));
        return string.Create(CultureInfo.InvariantCulture, $"{stateName}~{Convert.ToHexStringLower(hash.AsSpan(0, 8))}");
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await table.ReadStateAsync(RowKey(stateName, grainId), grainId, grainState);
        if (grainState.RecordExists)
        {
            return;
        }

        var earlier = new GrainState<T>();
        await table.ReadStateAsync(stateName, grainId, earlier);
        if (earlier.RecordExists)
        {
            // no ETag: the next write inserts the grain's own row (and fails, as it should, if another activation did first)
            grainState.State = earlier.State;
            grainState.ETag = null;
            grainState.RecordExists = true;
        }
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        table.WriteStateAsync(RowKey(stateName, grainId), grainId, grainState);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await table.ClearStateAsync(RowKey(stateName, grainId), grainId, grainState);
        var earlier = new GrainState<T>();
        await table.ReadStateAsync(stateName, grainId, earlier);
        if (earlier.RecordExists)
        {
            await table.ClearStateAsync(stateName, grainId, earlier);
        }
    }
}
