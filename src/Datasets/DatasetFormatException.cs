namespace PoNasOrleans.Datasets;

/// <summary>A data set file that is missing, truncated or not in the CIFAR-10 binary format; the message names the file.</summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception with a message that names the file and the problem.</summary>
    public DatasetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DatasetFormatException()
        : base("invalid data set")
    {
    }
}
