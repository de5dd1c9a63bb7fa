using System.Net.Http.Json;
using System.Text.Json;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>
/// Polls the Azure Instance Metadata Service's Scheduled Events endpoint (the IMDS address on Azure, a fake one in
/// tests) with the required "Metadata: true" header. A "Preempt" (spot eviction) or "Terminate" event ends the
/// miner's work: it stops, reports, leaves, and then acknowledges the event so Azure may proceed at once.
/// </summary>
internal sealed class EvictionNotice(Uri endpoint, HttpClient http, TextWriter log)
{
    /// <summary>The real endpoint on an Azure VM.</summary>
    public static readonly Uri Azure = new("http://169.254.169.254/metadata/scheduledevents?api-version=2020-07-01");

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    /// <summary>The event that ended the work, once one arrived.</summary>
    public string? EventId { get; private set; }

    /// <summary>Polls until an eviction event arrives (then cancels <paramref name="stop"/>) or the token ends.</summary>
    public async Task Watch(CancellationTokenSource stop, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var reported = false;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
                request.Headers.Add("Metadata", "true");
                using var response = await http.SendAsync(request, cancellation);
                response.EnsureSuccessStatusCode();
                var document = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
                if (Eviction(document) is { } id)
                {
                    EventId = id;
                    log.WriteLine($"eviction notice {id}: checkpointing, reporting and leaving");
                    await stop.CancelAsync();
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                if (!reported)
                {
                    log.WriteLine($"scheduled events at {endpoint} not readable ({e.Message}); still polling");
                    reported = true;
                }
            }

            try
            {
                await Task.Delay(Period, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Tells the endpoint the miner is done with the event (best effort).</summary>
    public async Task Acknowledge()
    {
        if (EventId is null)
        {
            return;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(new { StartRequests = new[] { new { EventId } } }) };
            request.Headers.Add("Metadata", "true");
            using var response = await http.SendAsync(request);
            log.WriteLine($"acknowledged eviction notice {EventId}: {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            log.WriteLine($"could not acknowledge eviction notice {EventId}: {e.Message}");
        }
    }

    /// <summary>The id of the first Preempt or Terminate event of a Scheduled Events document, if any.</summary>
    internal static string? Eviction(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("Events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var each in events.EnumerateArray())
        {
            if (each.ValueKind == JsonValueKind.Object
                && each.TryGetProperty("EventType", out var type) && type.GetString() is "Preempt" or "Terminate"
                && each.TryGetProperty(nameof(EventId), out var id))
            {
                return id.GetString() ?? "(no id)";
            }
        }

        return null;
    }
}
