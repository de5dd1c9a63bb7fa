using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PoNasOrleans.Experiments.Results;

/// <summary>
/// Writes an experiment's results into its folder: <c>curves.csv</c> (experiment, series, quantity, episode, value),
/// <c>summary.csv</c> (experiment, series, metric, value, note) and <c>result.json</c> (everything, settings included).
/// </summary>
internal static class ResultFiles
{
    public const string Curves = "curves.csv";
    public const string Summary = "summary.csv";
    public const string Json = "result.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the plots (file name and SVG) and the three files into <paramref name="folder"/>; answers the result naming its plots.</summary>
    public static ExperimentResult Write(ExperimentResult result, string folder, params (string File, string Svg)[] plots)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plots);
        foreach (var (file, svg) in plots)
        {
            File.WriteAllText(Path.Combine(folder, file), svg);
        }

        var written = result with { Plots = [.. plots.Select(p => p.File)] };
        Write(written, folder);
        return written;
    }

    /// <summary>Writes the three files into <paramref name="folder"/>.</summary>
    public static void Write(ExperimentResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        var curves = new StringBuilder("experiment,series,quantity,episode,value\n");
        foreach (var point in result.Curves)
        {
            curves.Append(Row(result.Experiment, point.Series, point.Quantity, Number(point.Episode), Number(point.Value)));
        }

        var summary = new StringBuilder("experiment,series,metric,value,note\n");
        foreach (var row in result.Summary)
        {
            summary.Append(Row(result.Experiment, row.Series, row.Metric, Number(row.Value), row.Note ?? ""));
        }

        File.WriteAllText(Path.Combine(folder, Curves), curves.ToString());
        File.WriteAllText(Path.Combine(folder, Summary), summary.ToString());
        File.WriteAllText(Path.Combine(folder, Json), JsonSerializer.Serialize(result, JsonOptions));
    }

    /// <summary>Reads a result back (the tests, and <c>all</c> when it reuses one).</summary>
    public static ExperimentResult Read(string folder) =>
        JsonSerializer.Deserialize<ExperimentResult>(File.ReadAllText(Path.Combine(folder, Json)), JsonOptions) ?? throw new InvalidDataException($"{folder}/{Json} is empty");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Row(params string[] fields) => string.Join(',', fields.Select(Field)) + "\n";

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
