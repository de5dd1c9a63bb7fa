using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace PoNasOrleans.Grains.Storage;

/// <summary>
/// The pool's blob storage of models and checkpoints: short-lived links for exactly one blob (write-only for
/// uploads, read-only for downloads) so that miners hold no storage key, and the content hash of a stored blob.
/// Links are signed with the account key in development (Azurite) and with a user delegation key under a managed identity.
/// </summary>
public sealed class ModelStore(BlobServiceClient blobs, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly HashSet<string> created = [];
    private Task<Response<UserDelegationKey>>? delegationKey;
    private DateTimeOffset delegationKeyExpires;

    /// <summary>A link that lets its holder create or replace exactly this blob until it expires.</summary>
    public Task<Uri> WriteLink(string container, string name, TimeSpan lifetime) =>
        Link(container, name, BlobSasPermissions.Create | BlobSasPermissions.Write, lifetime);

    /// <summary>A link that lets its holder read exactly this blob until it expires.</summary>
    public Task<Uri> ReadLink(string container, string name, TimeSpan lifetime) =>
        Link(container, name, BlobSasPermissions.Read, lifetime);

    /// <summary>Stores bytes as a blob, replacing what is there (callers name blobs by their content, so a replacement is the same bytes).</summary>
    public async Task Put(string container, string name, BinaryData content)
    {
        var containerClient = blobs.GetBlobContainerClient(container);
        await EnsureContainer(containerClient);
        await containerClient.GetBlobClient(name).UploadAsync(content, overwrite: true);
    }

    /// <summary>A stored blob's bytes, or null when it does not exist.</summary>
    public async Task<byte[]?> Get(string container, string name)
    {
        try
        {
            var content = await blobs.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync();
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The SHA-256 of a stored blob (lowercase hex), or null when it does not exist.</summary>
    public async Task<string?> Sha256Of(string container, string name)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(name);
        try
        {
            await using var content = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false));
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(content));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<Uri> Link(string container, string name, BlobSasPermissions permissions, TimeSpan lifetime)
    {
        var containerClient = blobs.GetBlobContainerClient(container);
        await EnsureContainer(containerClient);
        var blob = containerClient.GetBlobClient(name);
        var expires = time.GetUtcNow() + lifetime;
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(permissions, expires);
        }

        var sas = new BlobSasBuilder(permissions, expires) { BlobContainerName = container, BlobName = name, Resource = "b" };
        var key = await DelegationKey(expires);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
    }

    private async Task EnsureContainer(BlobContainerClient container)
    {
        lock (gate)
        {
            if (created.Contains(container.Name))
            {
                return;
            }
        }

        await container.CreateIfNotExistsAsync();
        lock (gate)
        {
            created.Add(container.Name);
        }
    }

    /// <summary>A user delegation key valid at least until <paramref name="until"/> (fetched again when it is not, or when fetching failed).</summary>
    private async Task<UserDelegationKey> DelegationKey(DateTimeOffset until)
    {
        Task<Response<UserDelegationKey>> key;
        lock (gate)
        {
            if (delegationKey is null || delegationKey.IsFaulted || delegationKeyExpires < until)
            {
                delegationKeyExpires = until.AddHours(1);
                delegationKey = blobs.GetUserDelegationKeyAsync(new BlobGetUserDelegationKeyOptions(delegationKeyExpires) { StartsOn = time.GetUtcNow().AddMinutes(-5) });
            }

            key = delegationKey;
        }

        return (await key).Value;
    }
}
