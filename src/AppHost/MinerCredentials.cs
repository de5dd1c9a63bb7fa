using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PoNasOrleans.AppHost;

/// <summary>
/// The app host as the pool's operator: once the silo is healthy it registers every agent's miner id through the
/// operator API (<c>POST /api/miners</c> with <c>X-Operator-Key</c>, what <c>ponas register</c> does) and keeps the
/// issued credentials in memory; each agent gets its own in <c>PONAS_MINER_CREDENTIAL</c> when it starts. Nothing is
/// written to disk, and a silo restarted from the dashboard keeps the miners it had (their credentials stay valid).
/// </summary>
internal sealed partial class MinerCredentials
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> credentials = new(StringComparer.Ordinal);

    /// <summary>Announces a miner id to register.</summary>
    public void Expect(string minerId) => credentials.TryAdd(minerId, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>How many miners are announced.</summary>
    public int Count => credentials.Count;

    /// <summary>The miner's credential, once registered.</summary>
    public Task<string> Of(string minerId) => credentials[minerId].Task;

    /// <summary>Registers every announced miner that has no credential yet; a refusal stops here with the pool's reason.</summary>
    public async Task RegisterAll(Uri api, string operatorKey, ILogger log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Operator-Key", operatorKey);
        foreach (var (minerId, credential) in credentials.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (credential.Task.IsCompleted)
            {
                continue;
            }

            using var response = await http.PostAsJsonAsync(new Uri("/api/miners", UriKind.Relative), new { minerId, displayName = minerId, device = "cpu" }, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"the pool refused to register miner '{minerId}': {(int)response.StatusCode} {text}");
            }

            using var answer = JsonDocument.Parse(text);
            credential.TrySetResult(answer.RootElement.GetProperty("credential").GetString()
                ?? throw new InvalidDataException($"the pool's answer for miner '{minerId}' carries no credential"));
            Registered(log, minerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "registered miner {MinerId}; its agent gets the credential when it starts")]
    private static partial void Registered(ILogger log, string minerId);
}
