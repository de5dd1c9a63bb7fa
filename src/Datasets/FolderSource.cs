namespace PoNasOrleans.Datasets;

/// <summary>A data set in a local folder (e.g. CIFAR-10's <c>cifar-10-batches-bin</c>).</summary>
public sealed class FolderSource : IDatasetSource
{
    private readonly string directory;

    /// <summary>Uses the files of <paramref name="directory"/>, which must exist.</summary>
    public FolderSource(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DatasetFormatException($"{directory}: no such data set folder");
        }

        this.directory = Path.GetFullPath(directory);
    }

    /// <inheritdoc />
    public string Name => directory;

    /// <inheritdoc />
    public bool Exists(string file) => File.Exists(Path.Combine(directory, file));

    /// <inheritdoc />
    public Stream OpenRead(string file) => Exists(file)
        ? File.OpenRead(Path.Combine(directory, file))
        : throw new DatasetFormatException($"{Path.Combine(directory, file)}: missing");
}
