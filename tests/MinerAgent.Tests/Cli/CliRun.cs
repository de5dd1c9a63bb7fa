using PoNasOrleans.MinerAgent.Cli;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

/// <summary>Runs the command line in-process on string streams.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun WithInput(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, new CliConsole(new StringReader(stdin), output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static CliRun Of(params string[] args) => WithInput(string.Empty, args);

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
