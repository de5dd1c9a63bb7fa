using PoNasOrleans.MinerAgent.Cli;

return CommandLine.Run(args, new CliConsole(Console.In, Console.Out, Console.Error));
