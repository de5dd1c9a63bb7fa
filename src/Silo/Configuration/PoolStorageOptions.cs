namespace PoNasOrleans.Silo.Configuration;

/// <summary>
/// Where the pool keeps its state (configuration section <c>Storage</c>, environment <c>PONAS__STORAGE__…</c>):
/// either a connection string (development, Azurite) or the table and blob service URIs of a storage account
/// reached with <c>DefaultAzureCredential</c> (Azure; never a shared key in production).
/// </summary>
public sealed class PoolStorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Storage";

    /// <summary>A storage connection string (Azurite or development only).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's table service, e.g. https://ACCOUNT.table.core.windows.net.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The account's blob service, e.g. https://ACCOUNT.blob.core.windows.net.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The problems of this configuration, each naming its key; empty when it can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasUris = TableServiceUri is not null || BlobServiceUri is not null;
        if (hasConnectionString == hasUris)
        {
            problems.Add($"{Section}: set either {Section}:ConnectionString (development, Azurite) or {Section}:TableServiceUri and {Section}:BlobServiceUri (Azure, managed identity), not {(hasUris ? "both" : "neither")}");
            return problems;
        }

        if (hasUris)
        {
            problems.AddRange(CheckUri(nameof(TableServiceUri), TableServiceUri));
            problems.AddRange(CheckUri(nameof(BlobServiceUri), BlobServiceUri));
        }

        return problems;
    }

    private static IEnumerable<string> CheckUri(string key, Uri? uri)
    {
        if (uri is null)
        {
            yield return $"{Section}:{key} is missing";
        }
        else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            yield return $"{Section}:{key} must be an absolute https URI (http only on loopback), got '{uri}'";
        }
    }
}
