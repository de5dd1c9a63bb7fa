using PoNasOrleans.Datasets;

namespace PoNasOrleans.MinerAgent.Data;

/// <summary>Where a command's <c>--dataset</c> points: a local folder or a blob container.</summary>
internal static class DatasetLocation
{
    /// <summary>Environment variable with a storage connection string, used when none is given on the command line.</summary>
    public const string ConnectionStringVariable = "PONAS_STORAGE_CONNECTION_STRING";

    /// <summary>Opens <c>blob:CONTAINER/FOLDER</c> or an http(s) container URL as a blob source, anything else as a folder.</summary>
    public static IDatasetSource Open(string location, string? connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return IsBlob(location)
            ? BlobContainerSource.Parse(location, connectionString ?? Environment.GetEnvironmentVariable(ConnectionStringVariable))
            : new FolderSource(location);
    }

    /// <summary>Whether a location names a blob container (<c>blob:…</c>, <c>http(s)://…</c>) rather than a folder.</summary>
    public static bool IsBlob(string location) =>
        location.StartsWith("blob:", StringComparison.Ordinal)
        || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
