using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PoNasOrleans.LocalPool;

/// <summary>
/// A real Azurite (blob, queue and table services) for the tests: the repository's pinned npm package (installed
/// with <c>npm ci</c> when missing), on free loopback ports, with its data in a fresh folder; stopped and deleted
/// on dispose. It can be stopped gracefully and started again on the same ports and data (<see cref="Stop"/>,
/// <see cref="Restart"/>): a storage outage.
/// </summary>
public sealed class Azurite : IDisposable
{
    /// <summary>Azurite's well-known development account key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>What Azurite prints once a service has closed, each after saving its database.</summary>
    private static readonly string[] Closed = ["Azurite Blob service successfully closed", "Azurite Queue service successfully closed", "Azurite Table service successfully closed"];

    private readonly ProcessStartInfo start;
    private readonly bool inMemory;
    private readonly string location = Directory.CreateTempSubdirectory("ponas-azurite-").FullName;
    private readonly ConcurrentQueue<string> output = new();
    private Process process;

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
        this.inMemory = inMemory;
        start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
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

        process = Launch();
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

    /// <summary>Whether it is stopped (<see cref="Stop"/>, or it exited by itself).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>
    /// Stops Azurite as an operator would (SIGTERM): it stops answering and each service saves its database to the data
    /// folder before it reports "successfully closed" (milliseconds). Waits for those three lines, then for the process
    /// to end; after a second it is killed, since Azurite 3.37 lingers for about a minute and a half after closing (its
    /// timers), with nothing left to save. Not for an in-memory Azurite, which would lose its data.
    /// </summary>
    public void Stop(TimeSpan? timeout = null)
    {
        if (inMemory)
        {
            throw new InvalidOperationException("an in-memory Azurite loses its data when it stops");
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            term.WaitForExit();
        }

        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (!process.HasExited && !Closed.All(line => output.Contains(line)))
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Azurite did not close its services within {limit} of SIGTERM:\n{string.Join('\n', output)}");
            }

            Thread.Sleep(50);
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(1)))
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    /// <summary>Starts a stopped Azurite again, on the same ports and with the same data folder; waits until it listens.</summary>
    public void Restart()
    {
        if (!process.HasExited)
        {
            throw new InvalidOperationException("Azurite still runs: stop it first");
        }

        process.Dispose();
        output.Clear();
        process = Launch();
    }

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

    private Process Launch()
    {
        var started = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start");
        started.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
            }
        };
        started.BeginOutputReadLine();
        WaitUntilListening(started, Port);
        WaitUntilListening(started, TablePort);
        return started;
    }

    private static void WaitUntilListening(Process process, int port)
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
