using Azure;
using Azure.Storage.Blobs;
using PoNasOrleans.Datasets;

namespace PoNasOrleans.MinerAgent.Data;

/// <summary>
/// A data set in an Azure Blob container (blobs <c>PREFIX/data_batch_1.bin</c> …, or at the container's root),
/// for miners whose VMs read CIFAR-10 from the pool's storage account instead of a local disk.
/// </summary>
public sealed class BlobContainerSource : IDatasetSource
{
    private readonly BlobContainerClient container;
    private readonly string prefix;

    /// <summary>Reads from <paramref name="container"/>, under the folder <paramref name="prefix"/> (empty: the root).</summary>
    public BlobContainerSource(BlobContainerClient container, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(container);
        this.container = container;
        this.prefix = prefix.Trim('/');
    }

    /// <inheritdoc />
    public string Name => $"{container.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}{(prefix.Length > 0 ? "/" + prefix : string.Empty)}";

    /// <summary>
    /// A source from a <c>--dataset</c> value: a container URL, optionally with a folder after the container and a
    /// SAS query (<c>https://ACCOUNT.blob.core.windows.net/CONTAINER/FOLDER?sv=…</c>); or, with a storage
    /// connection string, <c>blob:CONTAINER/FOLDER</c>.
    /// </summary>
    public static BlobContainerSource Parse(string dataset, string? connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        if (dataset.StartsWith("blob:", StringComparison.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new ArgumentException($"'{dataset}' names a container by name only: give the storage account with --storage-connection-string (or use the container's URL)");
            }

            var (name, folder) = Split(dataset["blob:".Length..]);
            try
            {
                return new BlobContainerSource(new BlobContainerClient(connectionString, name), folder);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw new ArgumentException($"the storage connection string cannot be used: {e.Message}", e);
            }
        }

        var uri = new Uri(dataset);
        var segments = uri.AbsolutePath.Trim('/').Split('/', 2);
        // Azurite and other emulators put the account name first in the path
        var accountInPath = uri.IsLoopback && segments.Length == 2;
        var path = accountInPath ? segments[1] : uri.AbsolutePath.Trim('/');
        var (containerName, prefixPath) = Split(path);
        var containerPath = accountInPath ? $"/{segments[0]}/{containerName}" : $"/{containerName}";
        var containerUri = new UriBuilder(uri) { Path = containerPath }.Uri;
        return new BlobContainerSource(new BlobContainerClient(containerUri), prefixPath);
    }

    /// <inheritdoc />
    public bool Exists(string file) => Call(file, () => container.GetBlobClient(BlobName(file)).Exists().Value);

    /// <inheritdoc />
    public Stream OpenRead(string file) => Call(file, () =>
    {
        var blob = container.GetBlobClient(BlobName(file));
        if (!blob.Exists().Value)
        {
            throw new DatasetFormatException($"{Name}/{file}: missing");
        }

        var buffer = new MemoryStream();
        blob.DownloadTo(buffer);
        buffer.Position = 0;
        return (Stream)buffer;
    });

    private string BlobName(string file) => prefix.Length > 0 ? $"{prefix}/{file}" : file;

    private T Call<T>(string file, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (RequestFailedException e)
        {
            throw new DatasetFormatException($"{Name}/{file}: the storage service refused the request ({e.Status} {e.ErrorCode})", e);
        }
    }

    private static (string Container, string Prefix) Split(string path)
    {
        var parts = path.Trim('/').Split('/', 2);
        if (parts[0].Length == 0)
        {
            throw new ArgumentException("the data set location names no container");
        }

        return (parts[0], parts.Length > 1 ? parts[1] : string.Empty);
    }
}
