using System.Net;
using System.Text.Json;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// Calls the pool's JSON API (docs/api.md) for the command line: one GET or POST, its answer parsed as JSON. Whatever goes
/// wrong becomes an exception <see cref="InputErrors"/> reports as one line naming the address: an unreachable API or
/// an error status (<see cref="IOException"/>, with the problem document's <c>detail</c>), or an answer that is not
/// JSON (<see cref="InvalidDataException"/>).
/// </summary>
internal sealed class PoolApiClient
{
    /// <summary>How long a request may take before the API counts as unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const int MaxAnswerBytes = 16 * 1024 * 1024;

    private readonly Uri root;

    private PoolApiClient(Uri root) => this.root = root;

    /// <summary>
    /// A client of the API at <paramref name="address"/> (the silo's HTTP address, as its <c>--urls</c>): an absolute
    /// http or https URL without query or fragment; a path is kept (an API behind a reverse proxy's prefix).
    /// </summary>
    public static PoolApiClient For(string address, string option)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.IsFile || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"{option}: '{address}' is not an absolute http or https URL (for example http://localhost:5000)");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ArgumentException($"{option}: '{address}' has a query or fragment; give the pool's address only (for example http://localhost:5000)");
        }

        return new PoolApiClient(uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"));
    }

    /// <summary>The address of <paramref name="path"/> (relative, e.g. <c>api/ledger/blocks?take=5</c>) under the API's root.</summary>
    public Uri Address(string path) => new(root, path);

    /// <summary>GETs <paramref name="path"/> and parses the answer, which must be a 2xx with a JSON body.</summary>
    public JsonDocument Get(string path) => Send(HttpMethod.Get, path, body: null, operatorKey: null);

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/> with the operator's key and parses the answer (a 2xx with a JSON body).</summary>
    public JsonDocument Post(string path, object body, string operatorKey) => Send(HttpMethod.Post, path, body, operatorKey);

    private JsonDocument Send(HttpMethod method, string path, object? body, string? operatorKey)
    {
        var address = Address(path);
        var answer = Fetch(method, address, body, operatorKey);
        if (!answer.Succeeded)
        {
            throw new IOException($"{method} {address}: {answer.Status}{Problem(answer)}");
        }

        try
        {
            return JsonDocument.Parse(answer.Body);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{method} {address}: the answer is not JSON ({e.Message})", e);
        }
    }

    private static Answer Fetch(HttpMethod method, Uri address, object? body, string? operatorKey)
    {
        using var http = new HttpClient { Timeout = Timeout, MaxResponseContentBufferSize = MaxAnswerBytes };
        using var request = new HttpRequestMessage(method, address) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        if (operatorKey is not null)
        {
            request.Headers.Add("X-Operator-Key", operatorKey);
        }

        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("application/problem+json");
        try
        {
            using var response = http.Send(request, HttpCompletionOption.ResponseContentRead);
            using var reader = new StreamReader(response.Content.ReadAsStream());
            return new Answer(response.IsSuccessStatusCode, Status(response), response.Content.Headers.ContentType?.MediaType, reader.ReadToEnd());
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"cannot reach the pool's API at {address}: {e.Message}", e);
        }
        catch (TaskCanceledException e)
        {
            throw new IOException($"cannot reach the pool's API at {address}: no answer within {Timeout.TotalSeconds:0} s", e);
        }
    }

    private static string Status(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? ReasonOf(response.StatusCode) : response.ReasonPhrase;
        return string.IsNullOrEmpty(reason) ? $"HTTP {code}" : $"HTTP {code} {reason}";
    }

    private static string ReasonOf(HttpStatusCode status) => Enum.IsDefined(status) ? status.ToString() : string.Empty;

    /// <summary>": detail" of an RFC 7807 problem document (or its title), else the first line of a plain-text body, else nothing (an HTML page, say).</summary>
    private static string Problem(Answer answer)
    {
        var body = answer.Body;
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "detail", "title" })
                {
                    if (problem.RootElement.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString()))
                    {
                        return $": {text.GetString()}";
                    }
                }
            }
        }
        catch (JsonException)
        {
            // not a problem document: show the start of the text
        }

        if (answer.MediaType != "text/plain")
        {
            return string.Empty;
        }

        var line = body.Trim().Split('\n', 2)[0].Trim();
        return $": {(line.Length > 200 ? string.Concat(line.AsSpan(0, 200), "…") : line)}";
    }

    private sealed record Answer(bool Succeeded, string Status, string? MediaType, string Body);
}
