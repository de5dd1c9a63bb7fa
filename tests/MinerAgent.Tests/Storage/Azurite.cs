using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PoNasOrleans.MinerAgent.Tests.Storage;

/// <summary>
/// A real Azurite blob service for the tests: the repository's pinned npm package (installed with <c>npm ci</c> when
/// missing), on a free loopback port, with its data in a fresh folder; stopped and deleted on dispose.
/// </summary>
public sealed class Azurite : IDisposable
{
    /// <summary>Azurite's well-known development account key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly string location = Directory.CreateTempSubdirectory("ponas-azurite-").FullName;

    public Azurite()
    {
        var root = RepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            Run("npm", root, "ci", "--no-audit", "--no-fund");
        }

        Port = FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", location, "--skipApiVersionCheck", "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start");
        WaitUntilListening();
    }

    public int Port { get; }

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/devstoreaccount1";

    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

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

    private void WaitUntilListening()
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
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("Azurite did not listen within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
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
