using System.Diagnostics;
using System.Net.Http.Json;

namespace PoNasOrleans.LocalPool;

/// <summary>The silo as a real process on free loopback ports, configured through PONAS__ environment variables.</summary>
public sealed class SiloProcess : IDisposable
{
    private const string SiloPortKey = "PONAS__CLUSTER__SILOPORT";
    private const string GatewayPortKey = "PONAS__CLUSTER__GATEWAYPORT";

    private readonly Process process;

    /// <summary>Starts the silo with PONAS__ settings; its API on <paramref name="httpPort"/> (a free port when not given).</summary>
    public SiloProcess(IReadOnlyDictionary<string, string> environment, string? siloDll = null, int? httpPort = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        HttpPort = httpPort ?? Azurite.FreePort();
        SiloPort = Port(environment, SiloPortKey);
        GatewayPort = Port(environment, GatewayPortKey);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(siloDll ?? Path.Combine(AppContext.BaseDirectory, "PoNasOrleans.Silo.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{HttpPort}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("the silo did not start");
        Output = process.StandardOutput.ReadToEndAsync();
        Errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The id of its process (e.g. to read its CPU time).</summary>
    public int ProcessId => process.Id;

    public int HttpPort { get; }

    /// <summary>Its silo-to-silo port (0 when the environment does not set it).</summary>
    public int SiloPort { get; }

    /// <summary>Its gateway port, which agents connect to (0 when the environment does not set it).</summary>
    public int GatewayPort { get; }

    /// <summary>Its gateway as agents take it in --pool.</summary>
    public string Gateway => $"127.0.0.1:{GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public Task<string> Output { get; }

    public Task<string> Errors { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Environment for a silo on free ports in a fresh cluster, storing in <paramref name="azurite"/>.</summary>
    public static Dictionary<string, string> Environment(Azurite azurite, string clusterId) => WithFreePorts(new Dictionary<string, string>
    {
        ["PONAS__STORAGE__CONNECTIONSTRING"] = azurite.ConnectionString,
        ["PONAS__CLUSTER__CLUSTERID"] = clusterId,
    });

    /// <summary>A copy of a silo's environment with other free silo and gateway ports: another silo of the same cluster and storage on this machine.</summary>
    public static Dictionary<string, string> WithFreePorts(IReadOnlyDictionary<string, string> environment) => new(environment)
    {
        [SiloPortKey] = Azurite.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        [GatewayPortKey] = Azurite.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Polls /health until it answers 200 or the time is up; returns the last answer's status field.</summary>
    public async Task<string?> WaitUntilHealthy(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}") };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
                if (response.IsSuccessStatusCode)
                {
                    return body?["status"];
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        return null;
    }

    /// <summary>Sends SIGTERM and waits for the process to end.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        return process.WaitForExit(timeout);
    }

    /// <summary>Waits for the process to end by itself.</summary>
    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    /// <summary>Kills the silo at once (SIGKILL: no goodbye to the cluster, nothing flushed), as a crash or a lost VM would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private static int Port(IReadOnlyDictionary<string, string> environment, string key) =>
        environment.TryGetValue(key, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 0;
}
