using System.Text.RegularExpressions;

namespace PoNasOrleans.Deploy.Tests;

/// <summary>deploy/bicep/cloud-init/miner.yaml read as text (no YAML parser: its write_files entries are literal blocks).</summary>
internal static partial class CloudInit
{
    /// <summary>The file.</summary>
    public static readonly string Path = System.IO.Path.Combine(BicepCli.Folder, "cloud-init", "miner.yaml");

    /// <summary>The files cloud-init writes (write_files: path and literal block content, dedented).</summary>
    public static Dictionary<string, string> WrittenFiles()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(Path);
        string? path = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (WrittenPath().Match(lines[i]) is { Success: true } match)
            {
                path = match.Groups[1].Value;
            }
            else if (path is not null && lines[i] == "    content: |")
            {
                var content = new List<string>();
                while (i + 1 < lines.Length && (lines[i + 1].Length == 0 || lines[i + 1].StartsWith("      ", StringComparison.Ordinal)))
                {
                    content.Add(lines[++i].Length == 0 ? "" : lines[i][6..]);
                }

                files.Add(path, string.Join('\n', content).TrimEnd('\n') + "\n");
                path = null;
            }
        }

        return files;
    }

    [GeneratedRegex(@"^  - path: (\S+)$")]
    private static partial Regex WrittenPath();
}
