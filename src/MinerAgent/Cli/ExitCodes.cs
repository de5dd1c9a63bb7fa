namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>Process exit codes of the command line.</summary>
internal static class ExitCodes
{
    /// <summary>Everything went well.</summary>
    public const int Success = 0;

    /// <summary>Some input was refused (a bad line, an invalid file); the output says which and why.</summary>
    public const int InvalidInput = 1;
}
