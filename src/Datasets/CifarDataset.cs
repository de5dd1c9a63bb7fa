namespace PoNasOrleans.Datasets;

/// <summary>
/// A data set in the CIFAR-10 binary layout: training batches <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c>
/// (at least the first, without gaps) and <c>test_batch.bin</c>. The training images are read when the set is
/// opened; the test split is only checked to exist and is read when <see cref="ReadTest"/> is asked for (under the
/// consensus it is released at the validation phase).
/// </summary>
public sealed class CifarDataset
{
    /// <summary>File name of the test batch.</summary>
    public const string TestFile = "test_batch.bin";

    /// <summary>Largest number of training batches.</summary>
    public const int MaxTrainingBatches = 5;

    private readonly IDatasetSource source;

    private CifarDataset(IDatasetSource source, ImageSet train)
    {
        this.source = source;
        Train = train;
    }

    /// <summary>The training images (all batches, in order).</summary>
    public ImageSet Train { get; }

    /// <summary>Name of the training batch <paramref name="number"/> (1-based).</summary>
    public static string TrainingFile(int number) => $"data_batch_{number}.bin";

    /// <summary>Opens a data set; throws <see cref="DatasetFormatException"/> naming a missing, truncated or foreign file.</summary>
    public static CifarDataset Open(IDatasetSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var batches = new List<ImageSet>();
        for (var number = 1; number <= MaxTrainingBatches && source.Exists(TrainingFile(number)); number++)
        {
            using var stream = source.OpenRead(TrainingFile(number));
            batches.Add(CifarBinary.Read(stream, $"{source.Name}/{TrainingFile(number)}"));
        }

        if (batches.Count == 0)
        {
            throw new DatasetFormatException($"{source.Name}: no {TrainingFile(1)}: not a CIFAR-10 binary data set (expected data_batch_1.bin … data_batch_5.bin and test_batch.bin)");
        }

        var gap = Enumerable.Range(batches.Count + 2, Math.Max(0, MaxTrainingBatches - batches.Count - 1)).FirstOrDefault(n => source.Exists(TrainingFile(n)));
        if (gap > 0)
        {
            throw new DatasetFormatException($"{source.Name}: {TrainingFile(gap)} exists but {TrainingFile(batches.Count + 1)} is missing");
        }

        if (!source.Exists(TestFile))
        {
            throw new DatasetFormatException($"{source.Name}: no {TestFile}");
        }

        return new CifarDataset(source, ImageSet.Concat(batches));
    }

    /// <summary>Reads the test split.</summary>
    public ImageSet ReadTest()
    {
        using var stream = source.OpenRead(TestFile);
        return CifarBinary.Read(stream, $"{source.Name}/{TestFile}");
    }

    /// <summary>
    /// Holds out a validation split of the training images for rewards during the training phase: a seeded
    /// shuffle, the same for the same seed and fraction.
    /// </summary>
    public TrainValidationSplit Split(double validationFraction, ulong seed) => TrainValidationSplit.Of(Train, validationFraction, seed);

    /// <summary>Writes a data set in this layout to a folder (training images spread over up to five batches).</summary>
    public static void Write(string directory, ImageSet train, ImageSet test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException("a data set needs at least one training and one test image");
        }

        Directory.CreateDirectory(directory);
        var batches = Math.Min(MaxTrainingBatches, train.Count);
        for (var b = 0; b < batches; b++)
        {
            var from = (int)((long)train.Count * b / batches);
            var to = (int)((long)train.Count * (b + 1) / batches);
            WriteAtomically(Path.Combine(directory, TrainingFile(b + 1)), train.Subset(Enumerable.Range(from, to - from).ToList()));
        }

        for (var b = batches + 1; b <= MaxTrainingBatches; b++)
        {
            File.Delete(Path.Combine(directory, TrainingFile(b)));
        }

        WriteAtomically(Path.Combine(directory, TestFile), test);
    }

    private static void WriteAtomically(string path, ImageSet images)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            CifarBinary.Write(stream, images);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
