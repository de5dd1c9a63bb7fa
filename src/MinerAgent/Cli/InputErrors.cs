namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>Turns the errors a user's input can cause into one <c>error:</c> line and a non-zero exit code.</summary>
internal static class InputErrors
{
    /// <summary>Runs a command's action; bad input (format, files, unknown names, out-of-range values) is reported, not thrown.</summary>
    public static int Guard(CliConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is FormatException or IOException or InvalidDataException or KeyNotFoundException or ArgumentException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
