using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using PoNasOrleans.Chain;
using PoNasOrleans.Datasets;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.LocalPool;
using PoNasOrleans.MinerAgent.Mining;
using PoNasOrleans.MinerAgent.Tests.Cli;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Training;
using PoNasOrleans.Training.ChildTraining;
using static TorchSharp.torch;

namespace PoNasOrleans.MinerAgent.Tests.Mining;

/// <summary>
/// The shared "measure a model" piece against a real Azurite blob and a tiny trained model, and the two loops that
/// use it (<c>mine</c>'s measure items, <c>validate</c>'s claims) against a fake miner grain.
/// </summary>
public sealed class TestSplitMeasurerTests(Azurite storage, TrainedModelFile trained) : IClassFixture<Azurite>, IClassFixture<TrainedModelFile>, IDisposable
{
    private static readonly TestSplitReference Test = TestSplitReference.Synthetic(TrainedModelFile.Data);

    private static readonly string Architecture = ArchitectureJson.Write(TrainedModelFile.Architecture);

    private readonly StringWriter log = new();

    private byte[] ModelBytes => File.ReadAllBytes(trained.ModelPath);

    private string ModelSha256 => Convert.ToHexStringLower(SHA256.HashData(ModelBytes));

    [Fact]
    public async Task Measures_the_downloaded_model_exactly_as_the_trainer_evaluated_it_and_resolves_the_split_once()
    {
        var link = Upload(ModelBytes);
        using var measurer = Measurer();
        var first = await measurer.Measure("model 1", Architecture, link, ModelSha256.ToUpperInvariant(), Test.Location, Test.Sha256, CancellationToken.None);
        var second = await measurer.Measure("model 2", Architecture, link, ModelSha256, Test.Location, Test.Sha256.ToUpperInvariant(), CancellationToken.None);

        Assert.Equal(trained.Accuracy, first);
        Assert.Equal(trained.Accuracy, second);
        Assert.Equal(1, measurer.SplitsResolved);
        Assert.Contains("model 1: downloaded", log.ToString(), StringComparison.Ordinal);
        Assert.Contains($"test split {Test.Location}: 60 images, SHA-256 checked", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", log.ToString(), StringComparison.Ordinal); // the link's signature stays out of the log
    }

    [Fact]
    public async Task A_model_whose_bytes_do_not_hash_to_the_expected_sha256_is_refused_and_not_measured()
    {
        var bytes = ModelBytes;
        var link = Upload([.. bytes[..^1], (byte)(bytes[^1] ^ 1)]);
        using var measurer = Measurer();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            measurer.Measure("model 1", Architecture, link, ModelSha256, Test.Location, Test.Sha256, CancellationToken.None));

        Assert.StartsWith($"model 1: the downloaded model ({bytes.Length} bytes from ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($", not the expected {ModelSha256}: not measured", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, measurer.SplitsResolved);
        Assert.DoesNotContain("accuracy", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_test_split_than_the_released_one_is_refused()
    {
        var other = TestSplitReference.Synthetic(TrainedModelFile.Data with { Seed = 5 });
        using var measurer = Measurer();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            measurer.Measure("model 1", Architecture, Upload(ModelBytes), ModelSha256, other.Location, Test.Sha256, CancellationToken.None));
        Assert.Contains("not the released split", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_blob_fails_at_once_without_retrying()
    {
        var container = Container();
        var link = container.GetBlobClient("missing.bin").GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));
        using var measurer = Measurer();
        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            measurer.Measure("model 1", Architecture, link, ModelSha256, Test.Location, Test.Sha256, CancellationToken.None));
        Assert.Equal(404, error.Status);
        Assert.DoesNotContain("retry", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_miner_loop_reports_the_accuracies_of_a_measure_item_and_nothing_when_a_model_fails_its_check()
    {
        var link = Upload(ModelBytes);
        var good = new MeasureTarget(new string('a', 64), Architecture, link, ModelSha256);
        var forged = good with { Commitment = new string('b', 64), ModelSha256 = new string('0', 64) };
        var miner = new FakeMiner();
        miner.Work.Enqueue(MeasureItem(new MeasureJob(9, Test.Location, Test.Sha256, [forged, good])));
        miner.Work.Enqueue(MeasureItem(new MeasureJob(9, Test.Location, Test.Sha256, [good, good with { Commitment = new string('c', 64) }])));
        var settings = new MinerSettings("m1", "secret", 1, 32, QuantizationMode.PostTraining, TimeSpan.FromMinutes(1), null, 0);
        using var data = ImageTensors.From(SyntheticCifar.Generate(new SyntheticOptions(10, 1, 1)).Train, CPU);
        var standby = new StandbyCheckpoint(log);
        using var runner = new EpisodeRunner(data, data, CPU, settings, standby);
        using var measurer = Measurer();

        await new MinerLoop(miner, settings, runner, measurer, standby, () => new MinerStrength(100, 1), log).Run(miner.Stop.Token);

        var (height, accuracies) = Assert.Single(miner.Reported);
        Assert.Equal(9, height);
        Assert.Equal([new TestAccuracy(new string('a', 64), trained.Accuracy), new TestAccuracy(new string('c', 64), trained.Accuracy)], accuracies.ToArray());
        Assert.Equal(3, miner.Pulls); // the failed job, the measured one, and the pull that ended the test
        Assert.True(miner.Left);
        Assert.Contains("measuring height 9 failed, nothing reported (InvalidDataException): model 1/2 of height 9 (bbbbbbbbbbbb…): the downloaded model", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_submits_its_measurement_and_prints_the_judgement()
    {
        var miner = new FakeMiner();
        miner.Claims.Enqueue(Claim(Upload(ModelBytes), ModelSha256));
        using var measurer = Measurer();
        using var output = new StringWriter();

        var loop = new ValidatorLoop(miner, Settings(once: true), measurer, log, output);
        await loop.Run(miner.Stop.Token);

        Assert.Equal((7L, new string('d', 64), trained.Accuracy), Assert.Single(miner.Submitted));
        Assert.Equal((1, 1, 0, 0), (loop.Judged, loop.Winners, loop.Failed, loop.Refused));
        Assert.Equal($"claim 7/dddddddddddd… of 'solo': claimed 0.5, measured {trained.Accuracy:R}: held: the winner of height 7", output.ToString().Trim());
    }

    [Fact]
    public async Task The_validator_submits_nothing_for_a_model_that_fails_its_check_and_pulls_again()
    {
        var miner = new FakeMiner { Verdict = ClaimVerdict.Discarded };
        var link = Upload(ModelBytes);
        miner.Claims.Enqueue(Claim(link, new string('0', 64)));
        miner.Claims.Enqueue(Claim(link, ModelSha256));
        using var measurer = Measurer();
        using var output = new StringWriter();

        var loop = new ValidatorLoop(miner, Settings(once: false), measurer, log, output);
        await loop.Run(miner.Stop.Token);

        Assert.Single(miner.Submitted);
        Assert.Equal((1, 0, 1, 1), (loop.Judged, loop.Winners, loop.Discarded, loop.Failed));
        Assert.EndsWith("discarded: the claim does not hold", output.ToString().Trim(), StringComparison.Ordinal);
        Assert.Contains("claim 7/dddddddddddd… of 'solo': not judged, nothing submitted (InvalidDataException)", log.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => log.Dispose();

    private static WorkItem MeasureItem(MeasureJob job) => WorkItem.Wait(job.Height, TimeSpan.Zero, "measure the committed models") with { Kind = WorkKind.Measure, Measure = job };

    private static ValidatorClaim Claim(Uri model, string sha256) =>
        new(7, new string('d', 64), "solo", Architecture, 0.5, sha256, model, DateTimeOffset.UtcNow.AddHours(1), new DatasetRef(Test.Location, Test.Sha256));

    private static ValidatorSettings Settings(bool once) =>
        new("v1", "secret", TimeSpan.FromMilliseconds(10), once, QuantizationMode.PostTraining, new TorchRuntimeOptions(), null);

    private TestSplitMeasurer Measurer() => new(new TrainingOptions(BatchSize: 32), CPU, null, log);

    private Uri Upload(byte[] bytes)
    {
        var blob = Container().GetBlobClient("models/model.bin");
        blob.Upload(BinaryData.FromBytes(bytes), overwrite: true);
        return blob.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));
    }

    private BlobContainerClient Container()
    {
        var container = new BlobContainerClient(storage.ConnectionString, $"models{Guid.NewGuid():N}");
        container.Create();
        return container;
    }
}
