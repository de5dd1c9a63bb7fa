using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Polly;
using PoNasOrleans.Datasets;
using PoNasOrleans.MinerAgent.Data;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;
using static TorchSharp.torch;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// Measures a model on a released test split, as the pool's measuring miner (<c>mine</c>, measure items) and the
/// devnet's validators (<c>validate</c>) do: downloads the model's bytes through its read link, checks their SHA-256
/// (a mismatch is refused and nothing is measured), resolves the test split (checked against its SHA-256, kept for
/// the next model of the same split) and computes the accuracy with <see cref="ModelMeasurement"/> under the
/// agent's quantization, batch size and device. Not thread-safe: one loop uses it.
/// </summary>
internal sealed class TestSplitMeasurer(TrainingOptions options, Device device, string? storageConnection, TextWriter log) : IDisposable
{
    private readonly ModelMeasurement measurement = new(options, device);
    private readonly ResiliencePipeline retry = PoolRetry.Create(log, attempts: 3, maxDelay: TimeSpan.FromSeconds(2), transient: PoolRetry.IsTransientDownload);
    private (string Location, string Sha256)? splitKey;
    private ImageTensors? split;

    /// <summary>Test splits resolved so far (a new one only when the location or hash changes).</summary>
    public int SplitsResolved { get; private set; }

    /// <summary>
    /// The accuracy of the model behind <paramref name="model"/> on the test split. Throws
    /// <see cref="InvalidDataException"/> when the bytes do not hash to <paramref name="modelSha256"/> or are not a
    /// model of the architecture, or when the split does not hash to <paramref name="testSha256"/>;
    /// <see cref="Azure.RequestFailedException"/> when the download fails (after a few retries of transient errors);
    /// <see cref="FormatException"/>, <see cref="ArgumentException"/> or <see cref="DatasetFormatException"/> for a
    /// malformed architecture, hash or split location; <see cref="OperationCanceledException"/> when stopped while downloading.
    /// </summary>
    /// <param name="what">Names the model in logs and errors (e.g. "claim 5/3fa2…").</param>
    /// <param name="architecture">The model's architecture, as architecture JSON.</param>
    /// <param name="model">A read link to the model's bytes.</param>
    /// <param name="modelSha256">The SHA-256 the bytes must have.</param>
    /// <param name="testLocation">The released test split's location.</param>
    /// <param name="testSha256">The released test split's SHA-256.</param>
    /// <param name="cancellation">Stops the download (the measurement itself runs to its end).</param>
    public async Task<double> Measure(string what, string architecture, Uri model, string modelSha256, string testLocation, string testSha256, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = Parse(what, architecture);
        var expected = Sha256Hex(what, modelSha256);
        var clock = Stopwatch.StartNew();
        log.WriteLine($"{what}: downloading {model.GetLeftPart(UriPartial.Path)}");
        var bytes = await retry.ExecuteAsync(async token => (await new BlobClient(model).DownloadContentAsync(token)).Value.Content.ToArray(), cancellation);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != expected)
        {
            throw new InvalidDataException($"{what}: the downloaded model ({bytes.Length} bytes from {model.GetLeftPart(UriPartial.Path)}) has SHA-256 {actual}, not the expected {expected}: not measured");
        }

        log.WriteLine($"{what}: downloaded {bytes.Length} bytes in {clock.Elapsed.TotalSeconds:F1} s, SHA-256 checked");
        var images = TestSplit(testLocation, testSha256);
        clock.Restart();
        double accuracy;
        try
        {
            accuracy = measurement.Measure(layers, bytes, images);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{what}: {e.Message}", e);
        }
        finally
        {
            TorchRuntime.ReleaseFreeMemory();
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: accuracy {accuracy:R} on {images.Count} test images ({Mode(measurement.Options.Quantization)}, {device.type}, {clock.Elapsed.TotalSeconds:F1} s)"));
        return accuracy;
    }

    public void Dispose()
    {
        split?.Dispose();
        split = null;
        splitKey = null;
    }

    /// <summary>The test split's images on the device: the cached ones when location and hash are the last ones, else resolved (and checked) anew.</summary>
    private ImageTensors TestSplit(string location, string sha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        var key = (location, sha256.ToLowerInvariant());
        if (split is not null && splitKey == key)
        {
            return split;
        }

        var clock = Stopwatch.StartNew();
        log.WriteLine($"resolving test split {location}");
        var images = DatasetLocation.IsBlob(location)
            ? TestSplitReference.Resolve(DatasetLocation.Open(location, storageConnection), sha256)
            : TestSplitReference.Resolve(location, sha256);
        var tensors = ImageTensors.From(images, device);
        Dispose();
        (split, splitKey) = (tensors, key);
        SplitsResolved++;
        log.WriteLine($"test split {location}: {images.Count} images, SHA-256 checked ({clock.Elapsed.TotalSeconds:F1} s)");
        return tensors;
    }

    private static Architecture Parse(string what, string architecture)
    {
        try
        {
            return ArchitectureJson.Parse(architecture);
        }
        catch (ArchitectureFormatException e)
        {
            throw new ArchitectureFormatException($"{what}: the architecture is not valid: {e.Message}", e);
        }
    }

    private static string Sha256Hex(string what, string sha256) => sha256 is { Length: 64 } && sha256.All(char.IsAsciiHexDigit)
        ? sha256.ToLowerInvariant()
        : throw new InvalidDataException($"{what}: '{sha256}' is not a model SHA-256 (64 hex digits)");

    /// <summary>A commitment's first twelve hex digits, for logs.</summary>
    internal static string Short(string commitment) => commitment.Length > 12 ? commitment[..12] + "…" : commitment;

    /// <summary>The command line's name of a quantization mode.</summary>
    internal static string Mode(QuantizationMode mode) => mode switch
    {
        QuantizationMode.QuantizationAware => "aware",
        QuantizationMode.None => "none",
        _ => "post-training",
    };
}
