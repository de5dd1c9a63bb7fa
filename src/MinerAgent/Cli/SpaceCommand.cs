using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Partitioning;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary><c>ponas space show|validate|partition</c>: look at, check and split search spaces.</summary>
internal static class SpaceCommand
{
    public static Command Create(CliConsole console) => new("space", "Show, validate and partition NAS search spaces")
    {
        Show(console),
        Validate(console),
        PartitionCommand(console),
    };

    private static Option<string> PresetOption() => new("--preset")
    {
        Description = "the space: a preset (paper = the full space, paper:S1 … paper:S9 = the paper's subspaces) or a space JSON file",
        DefaultValueFactory = _ => "paper",
    };

    private static Option<int> LayersOption()
    {
        var layers = new Option<int>("--layers")
        {
            Description = "number of convolutional layers of an architecture (the paper: 6)",
            DefaultValueFactory = _ => 6,
        };
        layers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError("--layers must be between 1 and 64");
            }
        });
        return layers;
    }

    private static Command Show(CliConsole console)
    {
        var preset = PresetOption();
        var layers = LayersOption();
        var command = new Command("show", "Print a space as JSON with its range sizes and size; errata of a preset are reported as warnings")
        {
            preset, layers,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var reference = SpaceReference.Resolve(parse.GetRequiredValue(preset));
            reference.ReportWarnings(console.Error);
            var count = parse.GetValue(layers);
            JsonOutput.Write(console.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("name", reference.Name);
                WriteSpaceSummary(writer, reference.Space, count);
                if (reference.Name == PresetCatalog.Paper.Name)
                {
                    writer.WriteStartObject("subspaces");
                    foreach (var name in PresetCatalog.Paper.SubspaceNames)
                    {
                        writer.WritePropertyName(name);
                        SpaceJson.Write(writer, PresetCatalog.Paper[name]);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteStartArray("warnings");
                foreach (var warning in reference.Warnings)
                {
                    writer.WriteStringValue(warning.ToString());
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Validate(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "a space JSON object, a presets document ({\"spaces\":…}), or architectures as JSON lines ({\"layers\":…})",
        };
        file.AcceptExistingOnly();
        var within = new Option<string>("--within")
        {
            Description = "the space that architectures, or a space, must lie in (a preset or a space file)",
            DefaultValueFactory = _ => "paper",
        };
        var layers = new Option<int?>("--layers") { Description = "the number of layers every architecture must have (default: any)" };
        var command = new Command("validate", "Check a space, a presets document or architecture JSON lines; errors name the layer and key")
        {
            file, within, layers,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
            SpaceValidation.Run(console, parse.GetRequiredValue(file), SpaceReference.Resolve(parse.GetRequiredValue(within)), parse.GetValue(layers))));
        return command;
    }

    private static Command PartitionCommand(CliConsole console)
    {
        var preset = PresetOption();
        var layers = LayersOption();
        var miners = new Option<int>("--miners") { Description = "number of miners, one subspace each", Required = true };
        miners.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--miners must be at least 1");
            }
        });
        var strategy = new Option<string>("--strategy")
        {
            Description = "algorithm1 (the paper's random subsets; may overlap) or balanced (disjoint, even, covers the space)",
            DefaultValueFactory = _ => "balanced",
        };
        strategy.AcceptOnlyFromAmong([.. Partitioners.Names]);
        var seed = new Option<ulong>("--seed") { Description = "seed of the random choices; the same seed gives the same partition", DefaultValueFactory = _ => 1 };
        var command = new Command("partition", "Split a space into one subspace per miner and measure coverage, overlap and size spread")
        {
            preset, miners, strategy, seed, layers,
        };
        command.SetAction(parse => InputErrors.Guard(console, () =>
        {
            var reference = SpaceReference.Resolve(parse.GetRequiredValue(preset));
            reference.ReportWarnings(console.Error);
            var partition = Partitioners.Get(parse.GetRequiredValue(strategy)).Split(reference.Space, parse.GetValue(miners), parse.GetValue(seed));
            var metrics = PartitionMeasure.Measure(partition);
            var count = parse.GetValue(layers);
            JsonOutput.Write(console.Out, writer => WritePartition(writer, reference.Name, partition, metrics, count));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WritePartition(Utf8JsonWriter writer, string name, Partition partition, PartitionMetrics metrics, int layers)
    {
        writer.WriteStartObject();
        writer.WriteString("space", name);
        writer.WriteString("strategy", partition.Strategy);
        writer.WriteNumber("seed", partition.Seed);
        writer.WriteNumber("miners", partition.Subspaces.Length);
        writer.WriteNumber("layers", layers);
        writer.WriteStartObject("metrics");
        writer.WriteNumber("coverage", metrics.Coverage);
        writer.WriteBoolean("coverage_exact", metrics.CoverageIsExact);
        writer.WriteNumber("mean_pairwise_overlap", metrics.MeanPairwiseOverlap);
        writer.WriteNumber("max_pairwise_overlap", metrics.MaxPairwiseOverlap);
        writer.WriteNumber("min_layer_configurations", metrics.MinSize);
        writer.WriteNumber("max_layer_configurations", metrics.MaxSize);
        writer.WriteNumber("size_spread", metrics.SizeSpread);
        writer.WriteNumber("size_coefficient_of_variation", metrics.SizeCoefficientOfVariation);
        writer.WriteEndObject();
        writer.WriteStartArray("subspaces");
        for (var i = 0; i < partition.Subspaces.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("name", $"S{i + 1}");
            WriteSpaceSummary(writer, partition.Subspaces[i], layers);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes "space", "range_sizes", "layer_configurations", "architectures" and its log10.</summary>
    internal static void WriteSpaceSummary(Utf8JsonWriter writer, SearchSpace space, int layers)
    {
        writer.WritePropertyName("space");
        SpaceJson.Write(writer, space);
        writer.WriteStartArray("range_sizes");
        foreach (var size in space.RangeSizes)
        {
            writer.WriteNumberValue(size);
        }

        writer.WriteEndArray();
        writer.WriteNumber("layer_configurations", (long)space.LayerConfigurations);
        writer.WriteNumber("layers", layers);
        writer.WriteString("architectures", space.Size(layers).ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("log10_architectures", Math.Round(space.Log10Size(layers), 4));
    }
}
