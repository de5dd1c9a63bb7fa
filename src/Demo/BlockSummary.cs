using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Demo;

/// <summary>The demo's closing summary of the block: the winner, each subspace, each miner, the stored blobs.</summary>
internal static class BlockSummary
{
    public static async Task Print(PoolFleet fleet, TextWriter output)
    {
        var block = await fleet.Get("/api/blocks/1");
        var subspaces = await fleet.Get("/api/blocks/1/subspaces");
        var miners = await fleet.Get("/api/miners");
        output.WriteLine();
        output.WriteLine("══ summary of block 1 ══");
        if (block.GetProperty("leaderboard").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } best)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best model: reward {best.GetProperty("reward").GetDouble():F4} in {best.GetProperty("subspace").GetString()} by {best.GetProperty("minerId").GetString()} ({best.GetProperty("kind").GetString()})"));
            output.WriteLine($"  architecture: {best.GetProperty("architecture").GetString()}");
        }
        else
        {
            output.WriteLine("no feasible model was found");
        }

        var episodes = subspaces.EnumerateArray().Sum(s => s.GetProperty("episodes").GetInt64());
        var refusals = subspaces.EnumerateArray().Sum(s => s.GetProperty("refusals").EnumerateObject().Sum(r => r.Value.GetInt64()));
        output.WriteLine($"episodes accepted: {episodes}; refused: {refusals}");
        foreach (var subspace in subspaces.EnumerateArray())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {subspace.GetProperty("name").GetString()}: best {LiveBoard.Best(subspace):F4} after {subspace.GetProperty("episodes").GetInt64()} episodes " +
                $"({subspace.GetProperty("explorations").GetInt64()} explorations), curve {string.Join(" → ", subspace.GetProperty("curve").EnumerateArray().Select(p => p.GetProperty("reward").GetDouble().ToString("F3", CultureInfo.InvariantCulture)))}"));
        }

        foreach (var miner in miners.EnumerateArray())
        {
            var strength = miner.GetProperty("strength");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {miner.GetProperty("minerId").GetString()}: {miner.GetProperty("episodes").GetInt64()} episodes, {miner.GetProperty("workUnits").GetInt64()} work units, " +
                $"{strength.GetProperty("imagesPerSecond").GetDouble():F0} images/s × {strength.GetProperty("timeBudgetFactor").GetDouble():G2}, {miner.GetProperty("status").GetString()}"));
        }

        var blobs = new BlobServiceClient(fleet.Storage.ConnectionString);
        foreach (var container in new[] { "models", "checkpoints" })
        {
            var count = 0;
            long bytes = 0;
            await foreach (var blob in blobs.GetBlobContainerClient(container).GetBlobsAsync())
            {
                count++;
                bytes += blob.Properties.ContentLength ?? 0;
            }

            output.WriteLine($"blob container '{container}': {count} blobs, {bytes / 1024.0:F0} KiB");
        }
    }
}
