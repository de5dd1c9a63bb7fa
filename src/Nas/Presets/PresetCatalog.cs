using System.Collections.Immutable;
using System.Text.Json;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Presets;

/// <summary>
/// A named set of spaces: a full space and its subspaces, read from a presets document
/// (<c>{"spaces":{"full":{…},"S1":{…},…}}</c>). Errata are repaired explicitly and reported in <see cref="Warnings"/>:
/// inadmissible values are dropped, unsorted or repeated values are put in order, and the full space is widened
/// to the union of all rows so that every subspace lies inside it.
/// </summary>
public sealed class PresetCatalog
{
    /// <summary>The range sizes k the paper gives for its full space (section 4.1.4).</summary>
    public static readonly ImmutableArray<int> PaperRangeSizes = [5, 5, 7, 5, 5, 2, 4, 7, 5, 7];

    private const string FullName = "full";
    private static readonly Lazy<PresetCatalog> PaperCatalog = new(LoadPaper);
    private readonly ImmutableDictionary<string, SearchSpace> subspaces;

    private PresetCatalog(string name, SearchSpace full, ImmutableArray<string> subspaceNames, ImmutableDictionary<string, SearchSpace> subspaces, ImmutableArray<PresetWarning> warnings)
    {
        Name = name;
        Full = full;
        SubspaceNames = subspaceNames;
        this.subspaces = subspaces;
        Warnings = warnings;
    }

    /// <summary>The paper's presets (Tables 1 and 2), from the embedded copy of paper-presets.json.</summary>
    public static PresetCatalog Paper => PaperCatalog.Value;

    /// <summary>The catalog's name, the prefix of its references ("paper" in "paper:S3").</summary>
    public string Name { get; }

    /// <summary>The full space (after errata: the union of all rows).</summary>
    public SearchSpace Full { get; }

    /// <summary>The subspace names in document order.</summary>
    public ImmutableArray<string> SubspaceNames { get; }

    /// <summary>What was repaired while loading, one entry per problem.</summary>
    public ImmutableArray<PresetWarning> Warnings { get; }

    /// <summary>A subspace by name (case-sensitive); throws naming the known subspaces when absent.</summary>
    public SearchSpace this[string subspace] => subspaces.TryGetValue(subspace, out var space)
        ? space
        : throw new KeyNotFoundException($"preset '{Name}' has no subspace '{subspace}' (known: {string.Join(", ", SubspaceNames)})");

    /// <summary>Resolves "NAME" to the full space and "NAME:SUB" to a subspace of this catalog.</summary>
    public SearchSpace Resolve(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parts = reference.Split(':', 2);
        if (parts[0] != Name)
        {
            throw new KeyNotFoundException($"unknown preset '{parts[0]}' (known: {Name})");
        }

        return parts.Length == 1 || parts[1] == FullName ? Full : this[parts[1]];
    }

    /// <summary>Reads a presets document; structural errors throw <see cref="SpaceFormatException"/> naming space and key.</summary>
    public static PresetCatalog Load(string json, string name, ImmutableArray<int>? expectedFullRangeSizes = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = ParseDocument(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object ||
            !document.RootElement.TryGetProperty("spaces", out var spacesElement) ||
            spacesElement.ValueKind != JsonValueKind.Object)
        {
            throw new SpaceFormatException("a presets document is an object with a 'spaces' object (\"full\" and its subspaces)");
        }

        var warnings = ImmutableArray.CreateBuilder<PresetWarning>();
        var rows = new List<(string Name, List<int>[] Values)>();
        foreach (var property in spacesElement.EnumerateObject())
        {
            if (rows.Any(row => row.Name == property.Name))
            {
                throw new SpaceFormatException($"space '{property.Name}' appears twice");
            }

            rows.Add((property.Name, Repair(property.Name, SpaceJson.ReadValues(property.Value, $"space '{property.Name}'"), warnings)));
        }

        var fullRow = rows.FirstOrDefault(row => row.Name == FullName);
        if (fullRow.Values is null)
        {
            throw new SpaceFormatException($"the presets have no '{FullName}' space");
        }

        CheckRangeSizes(fullRow.Values, expectedFullRangeSizes, warnings);
        var full = SearchSpace.Create(Widen(fullRow.Values, rows, warnings));
        var others = rows.Where(row => row.Name != FullName).ToList();
        return new PresetCatalog(
            name,
            full,
            [.. others.Select(row => row.Name)],
            others.ToImmutableDictionary(row => row.Name, row => SearchSpace.Create(row.Values)),
            warnings.ToImmutable());
    }

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SpaceFormatException($"presets are not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {ArchitectureJson.FirstSentence(e.Message)}", e);
        }
    }

    private static PresetCatalog LoadPaper()
    {
        using var stream = typeof(PresetCatalog).Assembly.GetManifestResourceStream("PoNasOrleans.Nas.paper-presets.json")
            ?? throw new InvalidOperationException("the embedded paper-presets.json is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Load(reader.ReadToEnd(), "paper", PaperRangeSizes);
    }

    private static List<int>[] Repair(string space, IReadOnlyList<IReadOnlyList<int>> values, ImmutableArray<PresetWarning>.Builder warnings)
    {
        var repaired = new List<int>[Hyperparameters.Count];
        foreach (var hyperparameter in Hyperparameters.All)
        {
            var key = hyperparameter.Key();
            var printed = values[(int)hyperparameter];
            var dropped = printed.Where(v => !hyperparameter.IsAdmissible(v)).Distinct().ToList();
            if (dropped.Count > 0)
            {
                warnings.Add(new PresetWarning(space, key, $"lists {string.Join(", ", dropped)}, not a valid value (allowed {hyperparameter.AdmissibleRange()}); dropped"));
            }

            var admissible = printed.Where(v => hyperparameter.IsAdmissible(v)).ToList();
            var kept = admissible.Distinct().Order().ToList();
            if (!kept.SequenceEqual(admissible))
            {
                warnings.Add(new PresetWarning(space, key, "values are repeated or out of order; sorted and deduplicated"));
            }

            if (kept.Count == 0)
            {
                throw new SpaceFormatException($"space '{space}', key '{key}': no valid value is left after dropping {string.Join(", ", dropped)}");
            }

            repaired[(int)hyperparameter] = kept;
        }

        return repaired;
    }

    private static List<int>[] Widen(List<int>[] full, List<(string Name, List<int>[] Values)> rows, ImmutableArray<PresetWarning>.Builder warnings)
    {
        var widened = new List<int>[Hyperparameters.Count];
        foreach (var hyperparameter in Hyperparameters.All)
        {
            var printed = full[(int)hyperparameter];
            var added = rows
                .SelectMany(row => row.Values[(int)hyperparameter].Where(v => !printed.Contains(v)).Select(v => (Value: v, Row: row.Name)))
                .GroupBy(pair => pair.Value)
                .OrderBy(group => group.Key)
                .ToList();
            if (added.Count > 0)
            {
                var listed = string.Join("; ", added.Select(group => $"{group.Key} (in {string.Join(", ", group.Select(pair => pair.Row))})"));
                warnings.Add(new PresetWarning(FullName, hyperparameter.Key(), $"the printed full space lacks {listed}; the full space is taken as the union of all rows, so these values were added"));
            }

            widened[(int)hyperparameter] = [.. printed.Union(added.Select(group => group.Key)).Order()];
        }

        return widened;
    }

    private static void CheckRangeSizes(List<int>[] full, ImmutableArray<int>? expected, ImmutableArray<PresetWarning>.Builder warnings)
    {
        if (expected is not { } sizes)
        {
            return;
        }

        var printed = full.Select(values => values.Count).ToArray();
        var message = printed.SequenceEqual(sizes)
            ? $"the printed columns are ambiguous; they are read so that the range sizes are k = ({string.Join(", ", sizes)}) as the paper lists: weight_num_int_bits {{{string.Join(", ", full[(int)Hyperparameter.WeightNumIntBits])}}}, weight_num_frac_bits {{{string.Join(", ", full[(int)Hyperparameter.WeightNumFracBits])}}}"
            : $"the printed range sizes ({string.Join(", ", printed)}) differ from the paper's k = ({string.Join(", ", sizes)}); the printed values are used";
        warnings.Add(new PresetWarning(FullName, "weight bits", message));
    }
}
