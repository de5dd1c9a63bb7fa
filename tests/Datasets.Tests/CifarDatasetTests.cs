namespace PoNasOrleans.Datasets.Tests;

public class CifarDatasetTests
{
    [Fact]
    public void A_written_folder_reads_back_with_batches_in_order()
    {
        using var folder = new TempDirectory();
        var (train, test) = SyntheticCifar.Generate(new SyntheticOptions(53, 12, 1));
        CifarDataset.Write(folder.Path, train, test);
        Assert.All(Enumerable.Range(1, 5), n => Assert.True(File.Exists(folder.File($"data_batch_{n}.bin"))));
        var dataset = CifarDataset.Open(new FolderSource(folder.Path));
        Assert.Equal(train.AllPixels.ToArray(), dataset.Train.AllPixels.ToArray());
        Assert.Equal(train.Labels.ToArray(), dataset.Train.Labels.ToArray());
        Assert.Equal(test.Labels.ToArray(), dataset.ReadTest().Labels.ToArray());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Fewer_than_five_batches_are_fine_and_stale_batches_are_removed()
    {
        using var folder = new TempDirectory();
        var (train, test) = SyntheticCifar.Generate(new SyntheticOptions(20, 2, 1));
        CifarDataset.Write(folder.Path, train, test);
        var (small, _) = SyntheticCifar.Generate(new SyntheticOptions(3, 2, 1));
        CifarDataset.Write(folder.Path, small, test);
        Assert.False(File.Exists(folder.File("data_batch_4.bin")));
        Assert.Equal(3, CifarDataset.Open(new FolderSource(folder.Path)).Train.Count);
    }

    [Fact]
    public void The_test_split_is_not_read_until_asked_for()
    {
        using var folder = new TempDirectory();
        var (train, test) = SyntheticCifar.Generate(new SyntheticOptions(10, 2, 1));
        CifarDataset.Write(folder.Path, train, test);
        File.WriteAllBytes(folder.File("test_batch.bin"), new byte[100]);
        var dataset = CifarDataset.Open(new FolderSource(folder.Path));
        Assert.Equal(10, dataset.Train.Count);
        var error = Assert.Throws<DatasetFormatException>(dataset.ReadTest);
        Assert.Contains("test_batch.bin: 100 bytes is not a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_corrupt_files_are_named()
    {
        using var folder = new TempDirectory();
        Assert.Contains("no data_batch_1.bin", Assert.Throws<DatasetFormatException>(() => CifarDataset.Open(new FolderSource(folder.Path))).Message, StringComparison.Ordinal);
        var (train, test) = SyntheticCifar.Generate(new SyntheticOptions(10, 2, 1));
        CifarDataset.Write(folder.Path, train, test);
        File.Delete(folder.File("data_batch_2.bin"));
        Assert.Contains("data_batch_3.bin exists but data_batch_2.bin is missing", Assert.Throws<DatasetFormatException>(() => CifarDataset.Open(new FolderSource(folder.Path))).Message, StringComparison.Ordinal);
        CifarDataset.Write(folder.Path, train, test);
        File.Delete(folder.File("test_batch.bin"));
        Assert.Contains("no test_batch.bin", Assert.Throws<DatasetFormatException>(() => CifarDataset.Open(new FolderSource(folder.Path))).Message, StringComparison.Ordinal);
        CifarDataset.Write(folder.Path, train, test);
        using (var stream = File.OpenWrite(folder.File("data_batch_3.bin")))
        {
            stream.SetLength(3073 + 7);
        }

        Assert.Contains("data_batch_3.bin: 3080 bytes", Assert.Throws<DatasetFormatException>(() => CifarDataset.Open(new FolderSource(folder.Path))).Message, StringComparison.Ordinal);
        Assert.Contains("no such data set folder", Assert.Throws<DatasetFormatException>(() => new FolderSource(folder.File("nope"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validation_split_is_seeded_disjoint_and_complete()
    {
        var (train, _) = SyntheticCifar.Generate(new SyntheticOptions(200, 1, 9));
        var split = TrainValidationSplit.Of(train, 0.1, 5);
        Assert.Equal(20, split.Validation.Count);
        Assert.Equal(180, split.Train.Count);
        var again = TrainValidationSplit.Of(train, 0.1, 5);
        Assert.Equal(split.Validation.AllPixels.ToArray(), again.Validation.AllPixels.ToArray());
        var other = TrainValidationSplit.Of(train, 0.1, 6);
        Assert.NotEqual(split.Validation.AllPixels.ToArray(), other.Validation.AllPixels.ToArray());
        var all = Enumerable.Range(0, train.Count).Select(i => Convert.ToHexString(train.Pixels(i))).Order();
        var parts = Enumerable.Range(0, 180).Select(i => Convert.ToHexString(split.Train.Pixels(i)))
            .Concat(Enumerable.Range(0, 20).Select(i => Convert.ToHexString(split.Validation.Pixels(i)))).Order();
        Assert.Equal(all, parts);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Bad_validation_fractions_are_refused(double fraction)
    {
        var (train, _) = SyntheticCifar.Generate(new SyntheticOptions(10, 1, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainValidationSplit.Of(train, fraction, 1));
    }
}
