namespace PoNasOrleans.Datasets.Tests;

public class CifarBinaryTests
{
    private static ImageSet Sample(int count)
    {
        var (train, _) = SyntheticCifar.Generate(new SyntheticOptions(count, 1, 3));
        return train;
    }

    [Fact]
    public void Writing_then_reading_gives_the_same_bytes()
    {
        var images = Sample(25);
        using var stream = new MemoryStream();
        CifarBinary.Write(stream, images);
        Assert.Equal(25 * 3073, stream.Length);
        var bytes = stream.ToArray();
        Assert.Equal(images.Label(0), bytes[0]);
        Assert.Equal(images.Pixels(0)[0], bytes[1]);
        Assert.Equal(images.Label(1), bytes[3073]);
        stream.Position = 0;
        var read = CifarBinary.Read(stream, "memory");
        Assert.Equal(images.Labels.ToArray(), read.Labels.ToArray());
        Assert.Equal(images.AllPixels.ToArray(), read.AllPixels.ToArray());
    }

    [Fact]
    public void A_truncated_batch_is_refused_with_the_counts()
    {
        var error = Assert.Throws<DatasetFormatException>(() => CifarBinary.Parse(new byte[(3 * 3073) + 100], "data_batch_1.bin"));
        Assert.Contains("data_batch_1.bin: 9319 bytes is not a whole number of 3073-byte CIFAR-10 records (3 records and 100 bytes left over)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_file_is_refused_by_its_labels()
    {
        var bytes = new byte[2 * 3073];
        bytes[3073] = 57;
        var error = Assert.Throws<DatasetFormatException>(() => CifarBinary.Parse(bytes, "cifar100.bin"));
        Assert.Contains("cifar100.bin: record 2 has label 57, not a class 0–9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var error = Assert.Throws<DatasetFormatException>(() => CifarBinary.Read(new MemoryStream(), "x.bin"));
        Assert.Contains("x.bin: the file is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_sets_check_their_shape()
    {
        Assert.Throws<ArgumentException>(() => new ImageSet(new byte[2], new byte[3072]));
        var error = Assert.Throws<ArgumentException>(() => new ImageSet([1, 10], new byte[2 * 3072]));
        Assert.Contains("image 1: label 10", error.Message, StringComparison.Ordinal);
    }
}
