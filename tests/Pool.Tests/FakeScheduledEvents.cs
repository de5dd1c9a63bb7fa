using System.Net;
using System.Text;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Pool.Tests;

/// <summary>A stand-in for the Azure Instance Metadata Service's Scheduled Events endpoint: no events until told to announce a spot eviction; records acknowledgements.</summary>
internal sealed class FakeScheduledEvents : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;
    private volatile bool evict;

    public FakeScheduledEvents()
    {
        Port = Azurite.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(Serve);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/metadata/scheduledevents?api-version=2020-07-01");

    /// <summary>Bodies of the POSTs received (acknowledgements).</summary>
    public List<string> Acknowledgements { get; } = [];

    /// <summary>GETs without the Metadata header (Azure refuses those; so does this fake).</summary>
    public int RequestsWithoutHeader { get; private set; }

    public void AnnounceEviction() => evict = true;

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var response = context.Response;
            if (context.Request.Headers["Metadata"] != "true")
            {
                RequestsWithoutHeader++;
                response.StatusCode = 400;
            }
            else if (context.Request.HttpMethod == "POST")
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (Acknowledgements)
                {
                    Acknowledgements.Add(body);
                }
            }
            else
            {
                var body = evict
                    ? """{"DocumentIncarnation":2,"Events":[{"EventId":"evict-1","EventType":"Preempt","ResourceType":"VirtualMachine","Resources":["miner_vm"],"EventStatus":"Scheduled","NotBefore":"Mon, 30 Nov 2026 10:00:00 GMT"}]}"""
                    : """{"DocumentIncarnation":1,"Events":[]}""";
                var bytes = Encoding.UTF8.GetBytes(body);
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync(bytes);
            }

            response.Close();
        }
    }
}
