using System.Diagnostics;
using System.Net.Http.Json;

namespace PoNasOrleans.LocalPool;

/// <summary>The silo as a real process on free loopback ports, configured through PONAS__ environment variables.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process process;

    /// <summary>Starts the silo with PONAS__ settings; its API on <paramref name="httpPort"/> (a free port when not given).</summary>
    public SiloProcess(IReadOnlyDictionary<string, string> environment, string? siloDll = null, int? httpPort = null)
    {
        HttpPort = httpPort ?? Azurite.FreePort();
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

    public Task<string> Output { get; }

    public Task<string> Errors { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Environment for a silo on free ports in a fresh cluster, storing in <paramref name="azurite"/>.</summary>
    public static Dictionary<string, string> Environment(Azurite azurite, string clusterId) => new()
    {
        ["PONAS__STORAGE__CONNECTIONSTRING"] = azurite.ConnectionString,
        ["PONAS__CLUSTER__CLUSTERID"] = clusterId,
        ["PONAS__CLUSTER__SILOPORT"] = Azurite.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PONAS__CLUSTER__GATEWAYPORT"] = Azurite.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
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

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
