using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// A space named on the command line: a preset reference ("paper", "paper:S3") or the path of a space JSON file.
/// </summary>
internal sealed record SpaceReference(string Name, SearchSpace Space, IReadOnlyList<PresetWarning> Warnings)
{
    /// <summary>Resolves a reference; throws with a message that says what was wrong.</summary>
    public static SpaceReference Resolve(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var catalog = PresetCatalog.Paper;
        if (reference == catalog.Name || reference.StartsWith(catalog.Name + ":", StringComparison.Ordinal))
        {
            var subspace = reference.Split(':', 2) is [_, var name] && name != "full" ? name : null;
            var warnings = catalog.Warnings.Where(w => subspace is null || w.Space == subspace).ToList();
            return new SpaceReference(reference, catalog.Resolve(reference), warnings);
        }

        if (!File.Exists(reference))
        {
            throw new FileNotFoundException($"'{reference}' is neither a preset (paper, paper:S1 … paper:S9) nor an existing space file");
        }

        try
        {
            return new SpaceReference(reference, SpaceJson.Parse(File.ReadAllText(reference)), []);
        }
        catch (SpaceFormatException e)
        {
            throw new SpaceFormatException($"{reference}: {e.Message}", e);
        }
    }

    /// <summary>Writes the warnings of the reference to the error stream, one per line.</summary>
    public void ReportWarnings(TextWriter error)
    {
        foreach (var warning in Warnings)
        {
            error.WriteLine($"warning: {Name.Split(':')[0]} preset, {warning}");
        }
    }
}
