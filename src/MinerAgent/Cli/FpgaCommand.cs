using System.CommandLine;
using System.Text.Json;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// <c>ponas fpga</c>: estimates LUTs and throughput of architectures read as JSON lines, one JSON line out per line in.
/// A bad line yields <c>{"error":"…"}</c> and the run goes on; the exit code is non-zero if any line failed.
/// </summary>
internal static class FpgaCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model")
        {
            Description = "FPGA cost model: naqs-2019 (the authors' reference, quirks included) or tiled (Q1 corrected)",
            Required = true,
        };
        model.AcceptOnlyFromAmong([.. FpgaCostModels.Names]);
        var lutLimit = new Option<long>("--lut-limit")
        {
            Description = "LUT budget rLUT (the paper: 100000)",
            DefaultValueFactory = _ => 100_000,
        };
        lutLimit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() <= 0)
            {
                result.AddError("--lut-limit must be a positive number of LUTs");
            }
        });
        var minThroughput = new Option<double>("--min-throughput")
        {
            Description = "throughput a feasible architecture must exceed, images/s (the paper: 10)",
            DefaultValueFactory = _ => 10,
        };
        minThroughput.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value <= 0)
            {
                result.AddError("--min-throughput must be a positive, finite number of images per second");
            }
        });
        var input = new Option<FileInfo>("--input")
        {
            Description = "file of architectures as JSON lines (default: standard input)",
        };
        input.AcceptExistingOnly();

        var command = new Command("fpga", "Estimate FPGA LUTs, cycles, throughput and feasibility of architectures (JSON lines in, JSON lines out)")
        {
            model, lutLimit, minThroughput, input,
        };
        command.SetAction(parse => Run(
            console,
            FpgaCostModels.Get(parse.GetRequiredValue(model)),
            new FpgaConstraints(parse.GetValue(lutLimit), parse.GetValue(minThroughput)),
            parse.GetValue(input)));
        return command;
    }

    private static int Run(CliConsole console, IFpgaCostModel model, FpgaConstraints constraints, FileInfo? input)
    {
        using var file = input is null ? null : new StreamReader(input.FullName);
        var reader = file ?? console.In;
        var failed = 0;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            try
            {
                var architecture = ArchitectureJson.Parse(line);
                console.Out.WriteLine(FpgaEstimateJson.Write(model.Estimate(architecture, constraints)));
            }
            catch (ArchitectureFormatException e)
            {
                failed++;
                console.Out.WriteLine(ErrorLine($"line {number}: {e.Message}"));
            }
        }

        console.Out.Flush();
        if (failed > 0)
        {
            console.Error.WriteLine($"{failed} of {number} line(s) failed");
            return ExitCodes.InvalidInput;
        }

        return ExitCodes.Success;
    }

    private static string ErrorLine(string message) => JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message });
}
