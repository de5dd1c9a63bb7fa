using System.Text.Json;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// <c>ponas space validate FILE</c>: tells what the file is (a space, a presets document, architecture JSON lines),
/// checks all of it and reports every problem with its line, layer and key.
/// </summary>
internal static class SpaceValidation
{
    public static int Run(CliConsole console, FileInfo file, SpaceReference within, int? layers)
    {
        var text = File.ReadAllText(file.FullName);
        var lines = text.Split('\n');
        var firstLine = lines.FirstOrDefault(line => line.Trim().Length > 0)
            ?? throw new FormatException($"{file.Name}: the file is empty");
        return HasTopLevelKey(firstLine, "layers")
            ? Architectures(console, file.Name, lines, within, layers)
            : SpaceOrPresets(console, file.Name, text, within);
    }

    /// <summary>Whether the text is one JSON object with the given key (false for anything else, including invalid JSON).</summary>
    private static bool HasTopLevelKey(string json, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int Architectures(CliConsole console, string name, string[] lines, SpaceReference within, int? layers)
    {
        var invalid = 0;
        var count = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            count++;
            try
            {
                ArchitectureJson.Parse(lines[i], within.Space, layers);
            }
            catch (ArchitectureFormatException e)
            {
                invalid++;
                console.Error.WriteLine($"error: {name}, line {i + 1}: {e.Message}");
            }
        }

        Summary(console, "architectures", name, within.Name, invalid == 0, writer =>
        {
            writer.WriteNumber("architectures", count);
            writer.WriteNumber("invalid", invalid);
        });
        return invalid == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static int SpaceOrPresets(CliConsole console, string name, string text, SpaceReference within)
    {
        if (HasTopLevelKey(text, "spaces"))
        {
            var catalog = PresetCatalog.Load(text, Path.GetFileNameWithoutExtension(name));
            foreach (var warning in catalog.Warnings)
            {
                console.Error.WriteLine($"warning: {name}, {warning}");
            }

            Summary(console, "presets", name, null, true, writer =>
            {
                writer.WriteNumber("subspaces", catalog.SubspaceNames.Length);
                writer.WriteNumber("warnings", catalog.Warnings.Length);
            });
            return ExitCodes.Success;
        }

        var space = SpaceJson.Parse(text);
        var outside = Hyperparameters.All
            .Select(h => (Hyperparameter: h, Values: space[h].Where(v => !within.Space[h].Contains(v)).ToList()))
            .Where(entry => entry.Values.Count > 0)
            .ToList();
        foreach (var (hyperparameter, values) in outside)
        {
            console.Error.WriteLine($"error: {name}, key '{hyperparameter.Key()}': {string.Join(", ", values)} not in {within.Name} {within.Space.Describe(hyperparameter)}");
        }

        Summary(console, "space", name, within.Name, outside.Count == 0, writer =>
        {
            writer.WriteNumber("layer_configurations", (long)space.LayerConfigurations);
        });
        return outside.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static void Summary(CliConsole console, string kind, string file, string? within, bool valid, Action<Utf8JsonWriter> details) =>
        JsonOutput.Write(console.Out, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("file", file);
            writer.WriteString("kind", kind);
            if (within is not null)
            {
                writer.WriteString("within", within);
            }

            writer.WriteBoolean("valid", valid);
            details(writer);
            writer.WriteEndObject();
        });
}
