using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

/// <summary>
/// A tiny HTTP server on a free loopback port (<see cref="HttpListener"/>) that answers GETs with canned answers by
/// path and query (404 with no body for anything else) and records what was asked.
/// </summary>
internal sealed class CannedHttpServer : IDisposable
{
    private readonly HttpListener listener;
    private readonly Dictionary<string, Canned> answers = new(StringComparer.Ordinal);
    private readonly Task serving;

    public CannedHttpServer()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // the port was taken between finding and binding it: another one
                listener.Close();
            }
        }

        serving = Task.Run(Serve);
    }

    public int Port { get; }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:PORT</c> (no trailing slash, as a user types it).</summary>
    public string Root => $"http://127.0.0.1:{Port}";

    /// <summary>The paths and queries asked for, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The bodies and X-Operator-Key headers of the POSTs received, in order.</summary>
    public ConcurrentQueue<(string Body, string? OperatorKey)> Posts { get; } = new();

    /// <summary>Answers GET <paramref name="pathAndQuery"/> (e.g. <c>/api/ledger/blocks?take=100</c>) with this status and body.</summary>
    public CannedHttpServer Answer(string pathAndQuery, string body, int status = 200, string contentType = "application/json; charset=utf-8")
    {
        lock (answers)
        {
            answers[pathAndQuery] = new Canned(status, contentType, body);
        }

        return this;
    }

    /// <summary>Answers POST <paramref name="pathAndQuery"/> with this status and body.</summary>
    public CannedHttpServer AnswerPost(string pathAndQuery, string body, int status = 200, string contentType = "application/json; charset=utf-8") =>
        Answer(PostKey(pathAndQuery), body, status, contentType);

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var asked = context.Request.RawUrl ?? string.Empty;
            Requests.Enqueue(asked);
            var post = context.Request.HttpMethod == "POST";
            if (post)
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                Posts.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["X-Operator-Key"]));
            }

            Canned? canned;
            lock (answers)
            {
                answers.TryGetValue(post ? PostKey(asked) : asked, out canned);
            }

            var response = context.Response;
            if (context.Request.HttpMethod is not ("GET" or "POST"))
            {
                response.StatusCode = 405;
            }
            else if (canned is null)
            {
                response.StatusCode = 404;
            }
            else
            {
                response.StatusCode = canned.Status;
                response.ContentType = canned.ContentType;
                var bytes = Encoding.UTF8.GetBytes(canned.Body);
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
            }

            response.Close();
        }
    }

    private static string PostKey(string pathAndQuery) => $"POST {pathAndQuery}";

    private sealed record Canned(int Status, string ContentType, string Body);
}
