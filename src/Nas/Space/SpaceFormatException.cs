namespace PoNasOrleans.Nas.Space;

/// <summary>A space definition that cannot be used; the message names the key at fault.</summary>
public sealed class SpaceFormatException : FormatException
{
    /// <summary>Creates the exception with a message that names what was wrong.</summary>
    public SpaceFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public SpaceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SpaceFormatException()
        : base("invalid search space")
    {
    }
}
