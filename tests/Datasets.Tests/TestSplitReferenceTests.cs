using System.Security.Cryptography;

namespace PoNasOrleans.Datasets.Tests;

public class TestSplitReferenceTests
{
    [Fact]
    public void A_synthetic_reference_resolves_to_the_test_split_dataset_synth_writes()
    {
        var options = new SyntheticOptions(40, 25, 9);
        var reference = TestSplitReference.Synthetic(options);
        Assert.Equal("synth:test?seed=9&count=25", reference.Location);
        Assert.Matches("^[0-9a-f]{64}$", reference.Sha256);

        var resolved = reference.Resolve();
        var (_, test) = SyntheticCifar.Generate(options);
        Assert.Equal(test.Labels.ToArray(), resolved.Labels.ToArray());
        Assert.Equal(test.AllPixels.ToArray(), resolved.AllPixels.ToArray());

        // the hash is that of the test_batch.bin the data set folder gets
        using var folder = new TempDirectory();
        CifarDataset.Write(folder.Path, SyntheticCifar.Generate(options).Train, test);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder.File(CifarDataset.TestFile)))), reference.Sha256);
    }

    [Fact]
    public void The_training_count_does_not_change_the_reference_but_seed_count_and_noise_do()
    {
        var reference = TestSplitReference.Synthetic(new SyntheticOptions(40, 20, 3));
        Assert.Equal(reference, TestSplitReference.Synthetic(new SyntheticOptions(5000, 20, 3)));
        Assert.NotEqual(reference.Sha256, TestSplitReference.Synthetic(new SyntheticOptions(40, 20, 4)).Sha256);
        Assert.NotEqual(reference.Sha256, TestSplitReference.Synthetic(new SyntheticOptions(40, 21, 3)).Sha256);
        var noisy = TestSplitReference.Synthetic(new SyntheticOptions(40, 20, 3, Noise: 12.5));
        Assert.Equal("synth:test?seed=3&count=20&noise=12.5", noisy.Location);
        Assert.NotEqual(reference.Sha256, noisy.Sha256);
        Assert.Equal(SyntheticCifar.Generate(new SyntheticOptions(1, 20, 3, 12.5)).Test.AllPixels.ToArray(), noisy.Resolve().AllPixels.ToArray());
    }

    [Fact]
    public void Keys_come_in_any_order_and_the_hash_in_either_case()
    {
        var reference = TestSplitReference.Synthetic(new SyntheticOptions(1, 12, 18446744073709551615UL));
        Assert.Equal("synth:test?seed=18446744073709551615&count=12", reference.Location);
        var images = TestSplitReference.Resolve("synth:test?noise=24&count=12&seed=18446744073709551615", reference.Sha256.ToUpperInvariant());
        Assert.Equal(12, images.Count);
        Assert.Equal(reference.Sha256, TestSplitReference.Sha256Of(images));
    }

    [Fact]
    public void A_wrong_sha256_is_refused_naming_both_hashes()
    {
        var reference = TestSplitReference.Synthetic(new SyntheticOptions(1, 10, 2));
        var other = TestSplitReference.Synthetic(new SyntheticOptions(1, 10, 3)).Sha256;
        var error = Assert.Throws<InvalidDataException>(() => TestSplitReference.Resolve(reference.Location, other));
        Assert.Equal($"synth:test?seed=2&count=10: the test split's SHA-256 is {reference.Sha256}, the reference names {other}: not the released split", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000")]
    public void A_sha256_that_is_not_64_hex_digits_is_refused(string sha256)
    {
        var error = Assert.Throws<ArgumentException>(() => TestSplitReference.Resolve("synth:test?seed=1&count=1", sha256));
        Assert.Contains("is not a SHA-256 (64 hex digits)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("synth:train?seed=1&count=5", "a synthetic test split is named synth:test?seed=S&count=N[&noise=X]")]
    [InlineData("synth:test", "a synthetic test split is named")]
    [InlineData("synth:test?seed=1", "missing key 'count'")]
    [InlineData("synth:test?count=5", "missing key 'seed'")]
    [InlineData("synth:test?seed=1&count=5&train=9", "unknown key 'train' (expected seed, count, noise)")]
    [InlineData("synth:test?seed=1&count=5&seed=2", "key 'seed' appears twice")]
    [InlineData("synth:test?seed=1&&count=5", "'' is not KEY=VALUE")]
    [InlineData("synth:test?seed=-1&count=5", "seed '-1' is not a whole number")]
    [InlineData("synth:test?seed= 1&count=5", "seed ' 1' is not a whole number")]
    [InlineData("synth:test?seed=1&count=0", "count '0' is not a whole number in 1–100000")]
    [InlineData("synth:test?seed=1&count=100001", "count '100001' is not a whole number in 1–100000")]
    [InlineData("synth:test?seed=1&count=5&noise=200", "noise '200' is not a number in 0–128")]
    [InlineData("synth:test?seed=1&count=5&noise=NaN", "noise 'NaN' is not a number in 0–128")]
    public void A_malformed_synthetic_location_is_refused_saying_why(string location, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TestSplitReference.Resolve(location, new string('0', 64)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_reference_resolves_to_its_test_batch()
    {
        using var folder = new TempDirectory();
        var (train, test) = SyntheticCifar.Generate(new SyntheticOptions(10, 7, 4));
        CifarDataset.Write(folder.Path, train, test);
        var reference = TestSplitReference.Folder(folder.Path);
        Assert.Equal(Path.GetFullPath(folder.Path), reference.Location);
        Assert.Equal(TestSplitReference.Synthetic(new SyntheticOptions(10, 7, 4)).Sha256, reference.Sha256);
        Assert.Equal(test.AllPixels.ToArray(), TestSplitReference.Resolve(folder.Path, reference.Sha256).AllPixels.ToArray());
        Assert.Equal(test.AllPixels.ToArray(), TestSplitReference.Resolve(new FolderSource(folder.Path), reference.Sha256).AllPixels.ToArray());
    }

    [Fact]
    public void A_folder_without_a_test_batch_a_truncated_one_or_another_one_is_refused()
    {
        using var folder = new TempDirectory();
        var missing = Assert.Throws<DatasetFormatException>(() => TestSplitReference.Resolve(folder.Path, new string('0', 64)));
        Assert.Contains("test_batch.bin: missing", missing.Message, StringComparison.Ordinal);
        Assert.Throws<DatasetFormatException>(() => TestSplitReference.Resolve(folder.File("nowhere"), new string('0', 64)));

        var (train, test) = SyntheticCifar.Generate(new SyntheticOptions(10, 7, 4));
        CifarDataset.Write(folder.Path, train, test);
        var reference = TestSplitReference.Folder(folder.Path);
        var bytes = File.ReadAllBytes(folder.File(CifarDataset.TestFile));
        File.WriteAllBytes(folder.File(CifarDataset.TestFile), bytes[..^1]);
        var truncated = Assert.Throws<DatasetFormatException>(() => TestSplitReference.Resolve(folder.Path, reference.Sha256));
        Assert.Contains("not a whole number of 3073-byte CIFAR-10 records", truncated.Message, StringComparison.Ordinal);

        bytes[^1] ^= 1; // one pixel changed: still a valid batch, but not the released one
        File.WriteAllBytes(folder.File(CifarDataset.TestFile), bytes);
        var changed = Assert.Throws<InvalidDataException>(() => TestSplitReference.Resolve(folder.Path, reference.Sha256));
        Assert.Contains("test_batch.bin: the test split's SHA-256 is", changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_canonical_bytes_are_the_cifar_binary_batch()
    {
        var (_, test) = SyntheticCifar.Generate(new SyntheticOptions(1, 13, 6));
        using var batch = new MemoryStream();
        CifarBinary.Write(batch, test);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(batch.ToArray())), TestSplitReference.Sha256Of(test));
    }

    [Fact]
    public void A_location_reads_back_to_itself()
    {
        foreach (var location in new[] { new SyntheticTestLocation(0, 1), new SyntheticTestLocation(ulong.MaxValue, 100_000, 0), new SyntheticTestLocation(5, 3, 1e-5), new SyntheticTestLocation(5, 3, 0.1) })
        {
            Assert.Equal(location, SyntheticTestLocation.Parse(location.ToString()));
        }
    }
}
