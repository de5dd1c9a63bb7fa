using Azure.Storage.Blobs;
using PoNasOrleans.Datasets;
using PoNasOrleans.MinerAgent.Data;
using PoNasOrleans.MinerAgent.Tests.Cli;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.MinerAgent.Tests.Storage;

public sealed class BlobContainerSourceTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public void Reads_the_same_data_set_from_a_container_as_from_a_folder()
    {
        var (container, folder) = Upload("cifar/batches", 40, 10);
        try
        {
            var fromBlobs = CifarDataset.Open(new BlobContainerSource(container, "cifar/batches"));
            var fromFolder = CifarDataset.Open(new FolderSource(folder));
            Assert.Equal(fromFolder.Train.AllPixels.ToArray(), fromBlobs.Train.AllPixels.ToArray());
            Assert.Equal(fromFolder.Train.Labels.ToArray(), fromBlobs.Train.Labels.ToArray());
            Assert.Equal(fromFolder.ReadTest().Labels.ToArray(), fromBlobs.ReadTest().Labels.ToArray());
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void A_truncated_blob_is_named()
    {
        var (container, folder) = Upload("broken", 20, 5);
        Directory.Delete(folder, true);
        container.GetBlobClient("broken/data_batch_2.bin").Upload(BinaryData.FromBytes(new byte[3073 + 5]), overwrite: true);
        var error = Assert.Throws<DatasetFormatException>(() => CifarDataset.Open(new BlobContainerSource(container, "broken")));
        Assert.Contains("broken/data_batch_2.bin: 3078 bytes is not a whole number of 3073-byte CIFAR-10 records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_data_set_is_named()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, $"empty{Guid.NewGuid():N}");
        container.Create();
        var error = Assert.Throws<DatasetFormatException>(() => CifarDataset.Open(new BlobContainerSource(container, "nothing")));
        Assert.Contains("/nothing: no data_batch_1.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_reads_a_container_by_name_or_url()
    {
        var (container, folder) = Upload("set", 30, 10);
        Directory.Delete(folder, true);
        var byName = CliRun.Of("dataset", "inspect", $"blob:{container.Name}/set", "--storage-connection-string", azurite.ConnectionString);
        Assert.Equal(0, byName.ExitCode);
        Assert.Contains("train: 30 images, per class 3 3 3 3 3 3 3 3 3 3", byName.Out, StringComparison.Ordinal);

        var sas = container.GenerateSasUri(Azure.Storage.Sas.BlobContainerSasPermissions.Read | Azure.Storage.Sas.BlobContainerSasPermissions.List, DateTimeOffset.UtcNow.AddHours(1));
        var url = new UriBuilder(sas) { Path = sas.AbsolutePath + "/set" }.Uri.ToString();
        var byUrl = CliRun.Of("dataset", "inspect", url);
        Assert.Equal(0, byUrl.ExitCode);
        Assert.Contains("test: 10 images", byUrl.Out, StringComparison.Ordinal);

        var badAccount = CliRun.Of("dataset", "inspect", $"blob:{container.Name}/set", "--storage-connection-string", "not a connection string");
        Assert.Equal(1, badAccount.ExitCode);
        Assert.Contains("the storage connection string cannot be used", badAccount.Error, StringComparison.Ordinal);

        var withoutAccount = CliRun.Of("dataset", "inspect", $"blob:{container.Name}/set");
        Assert.Equal(1, withoutAccount.ExitCode);
        Assert.Contains("--storage-connection-string", withoutAccount.Error, StringComparison.Ordinal);
    }

    private (BlobContainerClient Container, string Folder) Upload(string prefix, int train, int test)
    {
        var folder = Directory.CreateTempSubdirectory("ponas-blob-set-").FullName;
        var (trainImages, testImages) = SyntheticCifar.Generate(new SyntheticOptions(train, test, 8));
        CifarDataset.Write(folder, trainImages, testImages);
        var container = new BlobContainerClient(azurite.ConnectionString, $"data{Guid.NewGuid():N}");
        container.Create();
        foreach (var file in Directory.GetFiles(folder))
        {
            container.GetBlobClient($"{prefix}/{Path.GetFileName(file)}").Upload(file);
        }

        return (container, folder);
    }
}
