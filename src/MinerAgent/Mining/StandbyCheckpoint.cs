using System.Security.Cryptography;
using Azure.Storage.Blobs;
using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// The warm standby's checkpoint: the latest controller checkpoint of the subspace this miner may take over, fetched
/// in advance when a heartbeat receipt names it, and handed to the episode runner on promotion, so that continuing the
/// subspace does not wait for the download. Every checkpoint is checked against its SHA-256 before it is kept or used.
/// </summary>
internal sealed class StandbyCheckpoint(TextWriter log)
{
    private readonly Lock gate = new();
    private (BlobRef Checkpoint, byte[] Content)? held;

    /// <summary>Fetches the notice's checkpoint unless it is already held.</summary>
    public async Task Fetch(StandbyNotice? notice, CancellationToken cancellation)
    {
        if (notice is not { Checkpoint: { } checkpoint, CheckpointDownload: { } link } || Held(checkpoint) is not null)
        {
            return;
        }

        var content = await Download(link, checkpoint, cancellation);
        lock (gate)
        {
            held = (checkpoint, content);
        }

        log.WriteLine($"standby for {notice.Height}/{notice.Subspace}: checkpoint {checkpoint.Name} fetched in advance ({content.Length} bytes)");
    }

    /// <summary>The checkpoint's content: the one fetched in advance when it is this one, else downloaded now.</summary>
    public async Task<byte[]> Get(BlobRef checkpoint, Uri link, CancellationToken cancellation)
    {
        if (Held(checkpoint) is { } content)
        {
            log.WriteLine($"continuing from checkpoint {checkpoint.Name}, fetched in advance as a standby");
            return content;
        }

        return await Download(link, checkpoint, cancellation);
    }

    private byte[]? Held(BlobRef checkpoint)
    {
        lock (gate)
        {
            return held is { } h && h.Checkpoint == checkpoint ? h.Content : null;
        }
    }

    private static async Task<byte[]> Download(Uri link, BlobRef checkpoint, CancellationToken cancellation)
    {
        var content = (await new BlobClient(link).DownloadContentAsync(cancellation)).Value.Content.ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(content)) == checkpoint.Sha256
            ? content
            : throw new InvalidDataException($"checkpoint {checkpoint.Name} does not match its hash {checkpoint.Sha256}");
    }
}
