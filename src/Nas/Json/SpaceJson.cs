using System.Text.Json;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Json;

/// <summary>
/// The JSON format of a space: an object mapping each of the ten snake_case keys to an array of integers,
/// e.g. <c>{"filter_height":[1,3,5], …}</c>.
/// </summary>
public static class SpaceJson
{
    /// <summary>Reads and validates a space; errors name the key.</summary>
    public static SearchSpace Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return SearchSpace.Create(ReadValues(document.RootElement, "space"));
        }
        catch (JsonException e)
        {
            throw new SpaceFormatException($"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {ArchitectureJson.FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>
    /// Reads the ten integer arrays of a space object without checking the values' domain, for readers that
    /// report errata (e.g. the paper presets) instead of failing. Structural errors name <paramref name="where"/> and the key.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> ReadValues(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SpaceFormatException($"{where}: expected an object mapping {Hyperparameters.KeyList} to arrays of integers, got {ArchitectureJson.Describe(element.ValueKind)}");
        }

        var values = new IReadOnlyList<int>?[Hyperparameters.Count];
        foreach (var property in element.EnumerateObject())
        {
            if (!Hyperparameters.TryParse(property.Name, out var hyperparameter))
            {
                throw new SpaceFormatException($"{where}: unknown key '{property.Name}' (expected {Hyperparameters.KeyList})");
            }

            if (values[(int)hyperparameter] is not null)
            {
                throw new SpaceFormatException($"{where}, key '{property.Name}': appears twice");
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw new SpaceFormatException($"{where}, key '{property.Name}': expected an array of integers, got {ArchitectureJson.Describe(property.Value.ValueKind)}");
            }

            var list = new List<int>();
            foreach (var item in property.Value.EnumerateArray())
            {
                try
                {
                    list.Add(ArchitectureJson.ReadInteger(item, $"{where}, key '{property.Name}'"));
                }
                catch (ArchitectureFormatException e)
                {
                    throw new SpaceFormatException(e.Message, e);
                }
            }

            values[(int)hyperparameter] = list;
        }

        var missing = Hyperparameters.All.Where(h => values[(int)h] is null).Select(h => h.Key()).ToList();
        if (missing.Count > 0)
        {
            throw new SpaceFormatException($"{where}: missing key(s) {string.Join(", ", missing)}");
        }

        return values!;
    }

    /// <summary>Writes a space as one compact JSON object, keys in the paper's order.</summary>
    public static string Write(SearchSpace space) =>
        JsonText.Write(writer => Write(writer, space));

    /// <summary>Writes a space to a JSON writer.</summary>
    public static void Write(Utf8JsonWriter writer, SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(space);
        writer.WriteStartObject();
        foreach (var hyperparameter in Hyperparameters.All)
        {
            writer.WriteStartArray(hyperparameter.Key());
            foreach (var value in space[hyperparameter])
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
