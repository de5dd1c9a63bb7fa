using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PoNasOrleans.LocalPool;

/// <summary>
/// A real Azurite (blob, queue and table services) for the tests: the repository's pinned npm package (installed
/// with <c>npm ci</c> when missing), on free loopback ports, with its data in a fresh folder; stopped and deleted
/// on dispose.
/// </summary>
public sealed class Azurite : IDisposable
{
    /// <summary>Azurite's well-known development account key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly string location = Directory.CreateTempSubdirectory("ponas-azurite-").FullName;

    /// <summary>Starts Azurite with its data on disk and no request log (the tests' and the demo's storage; also a test class fixture).</summary>
    public Azurite()
        : this(requestLog: null, inMemory: false)
    {
    }

    /// <summary>
    /// Starts Azurite; with <paramref name="requestLog"/>, its debug log (a line per request with method and URL, among
    /// others) goes to that file; <paramref name="inMemory"/> keeps its data in memory only (no periodic saving of
    /// its whole database to disk, which dominates its CPU time once it holds tens of thousands of entities).
    /// </summary>
    internal Azurite(string? requestLog, bool inMemory)
    {
        var root = RepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            Run("npm", root, "ci", "--no-audit", "--no-fund");
        }

        Port = FreePort();
        TablePort = FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--silent",
        }.Concat(inMemory ? ["--inMemoryPersistence"] : ["--location", location]).Concat(requestLog is null ? [] : ["--debug", requestLog]))
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start");
        WaitUntilListening(Port);
        WaitUntilListening(TablePort);
    }

    /// <summary>The id of its process (e.g. to read its CPU time).</summary>
    public int ProcessId => process.Id;

    /// <summary>The blob service's port.</summary>
    public int Port { get; }

    /// <summary>The table service's port.</summary>
    public int TablePort { get; }

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/devstoreaccount1";

    public string TableEndpoint => $"http://127.0.0.1:{TablePort}/devstoreaccount1";

    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};TableEndpoint={TableEndpoint};";

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        Directory.Delete(location, recursive: true);
    }

    private void WaitUntilListening(int port)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited: {process.StandardError.ReadToEnd()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("Azurite did not listen within 30 s");
    }

    /// <summary>A port free on loopback right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository root: the folder holding package.json beside PoNasOrleans.sln, above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")) && File.Exists(Path.Combine(directory.FullName, "PoNasOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (package.json beside PoNasOrleans.sln) was not found above the test binaries");
    }

    private static void Run(string command, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var run = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        run.WaitForExit();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed with exit code {run.ExitCode}");
        }
    }
}
