namespace PoNasOrleans.Nas.Space;

/// <summary>An architecture that cannot be read or does not fit its space; the message names the layer and key.</summary>
public sealed class ArchitectureFormatException : FormatException
{
    /// <summary>Creates the exception with a message that names the layer and key at fault.</summary>
    public ArchitectureFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ArchitectureFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ArchitectureFormatException()
        : base("invalid architecture")
    {
    }
}
