using System.Collections.Immutable;
using System.Text.Json;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Json;

/// <summary>
/// The JSON interchange format of an architecture: <c>{"layers":[{"filter_height":3, …}, …]}</c>, keys in
/// snake_case. Reading is strict: every error names the layer (1-based) and the key.
/// </summary>
public static class ArchitectureJson
{
    private const string LayersKey = "layers";

    /// <summary>
    /// Reads one architecture. With a space, every value must lie in it; without one, values must be admissible
    /// for their hyperparameter. With <paramref name="expectedLayers"/>, the layer count must match.
    /// </summary>
    public static Architecture Parse(string json, SearchSpace? space = null, int? expectedLayers = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArchitectureFormatException($"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}", e);
        }

        using (document)
        {
            return Read(document.RootElement, space, expectedLayers);
        }
    }

    /// <summary>Reads an architecture from an already parsed JSON element.</summary>
    public static Architecture Read(JsonElement root, SearchSpace? space = null, int? expectedLayers = null)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArchitectureFormatException($"expected a JSON object with key '{LayersKey}', got {Describe(root.ValueKind)}");
        }

        JsonElement? layersElement = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != LayersKey)
            {
                throw new ArchitectureFormatException($"unknown key '{property.Name}' at the top level (expected only '{LayersKey}')");
            }

            if (layersElement is not null)
            {
                throw new ArchitectureFormatException($"key '{LayersKey}' appears twice");
            }

            layersElement = property.Value;
        }

        if (layersElement is not { } layers)
        {
            throw new ArchitectureFormatException($"missing key '{LayersKey}'");
        }

        if (layers.ValueKind != JsonValueKind.Array)
        {
            throw new ArchitectureFormatException($"key '{LayersKey}': expected an array of layers, got {Describe(layers.ValueKind)}");
        }

        var count = layers.GetArrayLength();
        if (count == 0)
        {
            throw new ArchitectureFormatException($"key '{LayersKey}' is empty: an architecture needs at least one layer");
        }

        if (expectedLayers is { } expected && count != expected)
        {
            throw new ArchitectureFormatException($"expected {expected} layers, got {count}");
        }

        var builder = ImmutableArray.CreateBuilder<Layer>(count);
        var index = 0;
        foreach (var layer in layers.EnumerateArray())
        {
            builder.Add(ReadLayer(layer, ++index, space));
        }

        return new Architecture(builder.MoveToImmutable());
    }

    /// <summary>Writes an architecture as one compact line of JSON, keys in the paper's order.</summary>
    public static string Write(Architecture architecture) =>
        JsonText.Write(writer => Write(writer, architecture));

    /// <summary>Writes an architecture to a JSON writer.</summary>
    public static void Write(Utf8JsonWriter writer, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(architecture);
        writer.WriteStartObject();
        writer.WriteStartArray(LayersKey);
        foreach (var layer in architecture.Layers)
        {
            writer.WriteStartObject();
            foreach (var hyperparameter in Hyperparameters.All)
            {
                writer.WriteNumber(hyperparameter.Key(), layer[hyperparameter]);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static Layer ReadLayer(JsonElement element, int number, SearchSpace? space)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArchitectureFormatException($"layer {number}: expected an object, got {Describe(element.ValueKind)}");
        }

        Span<int> values = stackalloc int[Hyperparameters.Count];
        Span<bool> seen = stackalloc bool[Hyperparameters.Count];
        foreach (var property in element.EnumerateObject())
        {
            if (!Hyperparameters.TryParse(property.Name, out var hyperparameter))
            {
                throw new ArchitectureFormatException($"layer {number}: unknown key '{property.Name}' (expected {Hyperparameters.KeyList})");
            }

            var key = property.Name;
            if (seen[(int)hyperparameter])
            {
                throw new ArchitectureFormatException($"layer {number}, key '{key}': appears twice");
            }

            seen[(int)hyperparameter] = true;
            var value = ReadInteger(property.Value, $"layer {number}, key '{key}'");
            if (space is not null)
            {
                if (space[hyperparameter].BinarySearch(value) < 0)
                {
                    throw new ArchitectureFormatException($"layer {number}, key '{key}': value {value} is not in the space {space.Describe(hyperparameter)}");
                }
            }
            else if (!hyperparameter.IsAdmissible(value))
            {
                throw new ArchitectureFormatException($"layer {number}, key '{key}': value {value} is not admissible (allowed {hyperparameter.AdmissibleRange()})");
            }

            values[(int)hyperparameter] = value;
        }

        var missing = new List<string>();
        foreach (var hyperparameter in Hyperparameters.All)
        {
            if (!seen[(int)hyperparameter])
            {
                missing.Add(hyperparameter.Key());
            }
        }

        if (missing.Count > 0)
        {
            throw new ArchitectureFormatException($"layer {number}: missing key(s) {string.Join(", ", missing)}");
        }

        return Layer.FromValues(values);
    }

    /// <summary>Reads a JSON number that must be an integer in Int32 range; the message names <paramref name="where"/>.</summary>
    internal static int ReadInteger(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw new ArchitectureFormatException($"{where}: expected an integer, got {Describe(element.ValueKind)}");
        }

        if (!element.TryGetInt32(out var value))
        {
            throw new ArchitectureFormatException($"{where}: expected an integer, got {element.GetRawText()}");
        }

        return value;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
