using System.Security.Cryptography;

namespace PoNasOrleans.Datasets;

/// <summary>
/// A released test split as the chain names it: a location and the SHA-256 of the split's canonical bytes, which
/// are the split as one CIFAR-10 binary batch (per image one label byte, then 1,024 red, 1,024 green and 1,024
/// blue bytes), exactly what <c>test_batch.bin</c> holds. Locations:
/// <list type="bullet">
/// <item><c>synth:test?seed=S&amp;count=N[&amp;noise=X]</c>: regenerated (<see cref="SyntheticTestLocation"/>);</item>
/// <item>a folder holding <c>test_batch.bin</c> (other sources, such as a blob container: <see cref="Resolve(IDatasetSource, string)"/>).</item>
/// </list>
/// Resolving checks the hash, so a validator measures on exactly the released images or not at all.
/// </summary>
/// <param name="Location">Where the split is.</param>
/// <param name="Sha256">SHA-256 of its canonical bytes, 64 lowercase hex digits.</param>
public sealed record TestSplitReference(string Location, string Sha256)
{
    /// <summary>The reference of the synthetic test split of <paramref name="options"/> (its seed, test count and noise; the training count does not matter).</summary>
    public static TestSplitReference Synthetic(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var location = new SyntheticTestLocation(options.Seed, options.Test, options.Noise);
        return new TestSplitReference(location.ToString(), Sha256Of(location.Generate()));
    }

    /// <summary>The reference of the <c>test_batch.bin</c> in a folder, named by the folder's full path.</summary>
    public static TestSplitReference Folder(string directory)
    {
        var source = new FolderSource(directory);
        var (_, hash) = Read(source);
        return new TestSplitReference(source.Name, hash);
    }

    /// <summary>SHA-256 (64 lowercase hex digits) of a split's canonical bytes: the CIFAR-10 binary batch of the images.</summary>
    public static string Sha256Of(ImageSet images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> record = stackalloc byte[CifarBinary.RecordSize];
        for (var i = 0; i < images.Count; i++)
        {
            record[0] = (byte)images.Label(i);
            images.Pixels(i).CopyTo(record[1..]);
            hash.AppendData(record);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The images of this reference (see <see cref="Resolve(string, string)"/>).</summary>
    public ImageSet Resolve() => Resolve(Location, Sha256);

    /// <summary>
    /// The images at a location, checked against the SHA-256. Throws <see cref="ArgumentException"/> for a hash that is
    /// not 64 hex digits, <see cref="FormatException"/> for a malformed synthetic location,
    /// <see cref="DatasetFormatException"/> for a missing folder or a missing, truncated or foreign
    /// <c>test_batch.bin</c>, and <see cref="InvalidDataException"/> when the split's hash differs.
    /// </summary>
    public static ImageSet Resolve(string location, string sha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var expected = Expected(sha256);
        if (SyntheticTestLocation.IsSynthetic(location))
        {
            var images = SyntheticTestLocation.Parse(location).Generate();
            Check(location, Sha256Of(images), expected);
            return images;
        }

        return Resolve(new FolderSource(location), expected);
    }

    /// <summary>The <c>test_batch.bin</c> of a source, checked against the SHA-256 (errors as <see cref="Resolve(string, string)"/>).</summary>
    public static ImageSet Resolve(IDatasetSource source, string sha256)
    {
        ArgumentNullException.ThrowIfNull(source);
        var expected = Expected(sha256);
        var (images, actual) = Read(source);
        Check($"{source.Name}/{CifarDataset.TestFile}", actual, expected);
        return images;
    }

    private static (ImageSet Images, string Sha256) Read(IDatasetSource source)
    {
        var name = $"{source.Name}/{CifarDataset.TestFile}";
        if (!source.Exists(CifarDataset.TestFile))
        {
            throw new DatasetFormatException($"{name}: missing (a test split location is a folder holding {CifarDataset.TestFile})");
        }

        using var stream = source.OpenRead(CifarDataset.TestFile);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        // a batch that parses is its own canonical form, so the file's hash is the split's hash
        var images = CifarBinary.Parse(bytes, name);
        return (images, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static string Expected(string sha256)
    {
        if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 (64 hex digits)", nameof(sha256));
        }

        return sha256.ToLowerInvariant();
    }

    private static void Check(string what, string actual, string expected)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"{what}: the test split's SHA-256 is {actual}, the reference names {expected}: not the released split");
        }
    }
}
