using System.CommandLine;
using System.CommandLine.Invocation;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>The <c>ponas</c> command line: the miner's tools.</summary>
internal static class CommandLine
{
    /// <summary>Parses and runs one command line; returns the process exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("PoNasOrleans miner agent: NAS search space, FPGA cost models and partitions of the Proof-of-Neural-Architecture mining pool.")
        {
            FpgaCommand.Create(console),
            SpaceCommand.Create(console),
            DatasetCommand.Create(console),
            SearchCommand.Create(console),
            MineCommand.Create(console),
            MeasureCommand.Create(console),
            ValidateCommand.Create(console),
            LedgerCommand.Create(console),
            RegisterCommand.Create(console),
        };
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction errors)
        {
            // a mistyped option gets its error on standard error, not the whole help text on standard output
            errors.ShowHelp = false;
        }

        return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }
}
