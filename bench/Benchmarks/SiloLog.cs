using System.Globalization;
using System.Text.RegularExpressions;

namespace PoNasOrleans.Benchmarks;

/// <summary>The silo's warnings and errors of a run (from its console log), counted by category with the start of one message each.</summary>
internal static partial class SiloLog
{
    private const int MessageStart = 110;

    /// <summary>Lines "N × level category: message…", most frequent first; the longest slow storage access is named.</summary>
    public static IEnumerable<string> Summary(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n');
        var counts = new Dictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var header = Header().Match(lines[i]);
            if (!header.Success)
            {
                continue;
            }

            var message = i + 1 < lines.Length ? lines[i + 1].Trim() : "";
            var key = $"{header.Groups["level"].Value} {header.Groups["category"].Value}";
            if (TimedOutCall().Match(message) is { Success: true } call)
            {
                // a grain call inside the silo that got no answer in time: which grains called which method
                key += $" ({call.Groups["from"].Value} → {call.Groups["to"].Value}.{call.Groups["method"].Value})";
            }

            counts[key] = counts.TryGetValue(key, out var known) ? (known.Count + 1, known.Example) : (1, message.Length > MessageStart ? message[..MessageStart] + "…" : message);
        }

        foreach (var (key, (count, example)) in counts.OrderByDescending(c => c.Value.Count))
        {
            yield return $"{count:N0} × {key}: {example}";
        }

        var slowest = SlowStorage().Matches(output).Select(m => TimeSpan.Parse(m.Groups["took"].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty().Max();
        if (slowest > TimeSpan.Zero)
        {
            yield return $"slowest storage access the silo reported: {slowest.TotalSeconds:N1} s";
        }
    }

    [GeneratedRegex(@"^(?<level>warn|fail|crit): (?<category>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(@"^Response did not arrive on time .* for message: 'Request \[[^\]]*? (?<from>[\w.]+)/[^\]]*\]->\[[^\]]*? (?<to>[\w.]+)/[^\]]*\] (?:[\w.]+)(?:\[[^\]]*\])?\.(?<method>\w+)\(", RegexOptions.CultureInvariant)]
    private static partial Regex TimedOutCall();

    [GeneratedRegex(@"Slow access to Azure Table \S+ for \S+, which took (?<took>[0-9:.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SlowStorage();
}
