using System.Globalization;
using System.Text.RegularExpressions;

namespace PoNasOrleans.Benchmarks;

/// <summary>Reads Azurite's debug log (<c>--debug FILE</c>): the line each request's context middleware writes with its method and URL.</summary>
internal static partial class StorageLog
{
    public static IReadOnlyList<StorageRequest> Read(string path)
    {
        var requests = new List<StorageRequest>();
        foreach (var line in File.ReadLines(path))
        {
            var match = RequestLine().Match(line);
            if (match.Success)
            {
                var at = DateTimeOffset.Parse(match.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                var service = match.Groups["service"].Value;
                var length = ContentLength().Match(line);
                var bytes = length.Success ? long.Parse(length.Groups["bytes"].Value, CultureInfo.InvariantCulture) : 0;
                requests.Add(new StorageRequest(at, service, match.Groups["method"].Value, Target(service, new Uri(match.Groups["url"].Value)), bytes));
            }
        }

        return requests;
    }

    /// <summary>The table, grain type or blob container a request is for.</summary>
    private static string Target(string service, Uri url)
    {
        var segments = Uri.UnescapeDataString(url.AbsolutePath).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : "(account)";
        if (service == "Blob")
        {
            return $"blob: {resource}";
        }

        var table = resource.Split('(')[0];
        return table == "OrleansGrainState" && GrainType().Match(resource) is { Success: true } grain ? $"grain state: {grain.Groups["type"].Value}" : table;
    }

    [GeneratedRegex(@"^(?<at>\S+Z)\s+\S*\s*info: (?<service>Blob|Table)StorageContextMiddleware: RequestMethod=(?<method>\S+) RequestURL=(?<url>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"""content-length"":""(?<bytes>[0-9]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex ContentLength();

    /// <summary>The pool's grain storage keeps a grain's state under the row key "{state name}~{hash of the grain id}" ("miner~…", "subspace~…", "block~…"; GrainStateRows).</summary>
    [GeneratedRegex(@"RowKey='(?<type>[^'~]+)(~[0-9a-f]+)?'", RegexOptions.CultureInvariant)]
    private static partial Regex GrainType();
}
