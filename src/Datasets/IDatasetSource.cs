namespace PoNasOrleans.Datasets;

/// <summary>Where the files of a data set are read from: a folder, or a blob container (in the agent).</summary>
public interface IDatasetSource
{
    /// <summary>Names the source in messages.</summary>
    string Name { get; }

    /// <summary>Whether the source has a file of this name.</summary>
    bool Exists(string file);

    /// <summary>Opens a file for reading; throws <see cref="DatasetFormatException"/> naming it when absent.</summary>
    Stream OpenRead(string file);
}
