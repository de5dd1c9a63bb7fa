namespace PoNasOrleans.Benchmarks;

/// <summary>One request Azurite served: when it came, its service (blob, table), method, and what it was for.</summary>
/// <param name="At">When it arrived.</param>
/// <param name="Service">"Blob" or "Table".</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">What it was for: a table ("episodes"), a grain type's state ("grain state: miner"), or a blob container ("blob: checkpoints").</param>
/// <param name="Bytes">The request body's length (0 when it has none).</param>
internal sealed record StorageRequest(DateTimeOffset At, string Service, string Method, string Target, long Bytes)
{
    /// <summary>Whether it changes stored data (insert, update, upsert, merge, delete, upload).</summary>
    public bool IsWrite => Method is "PUT" or "POST" or "MERGE" or "PATCH" or "DELETE";
}
