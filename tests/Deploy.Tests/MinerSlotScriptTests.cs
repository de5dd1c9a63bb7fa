using System.Diagnostics;

namespace PoNasOrleans.Deploy.Tests;

/// <summary>
/// Runs cloud-init's ponas-miner script (as written to the VM) against stand-ins: a curl that answers like the instance
/// metadata service, Blob storage and Key Vault, and an agent that records how it was started. Only the script's two
/// absolute paths and its pauses (20 s between renewals, 60 s on an evicted VM) are rewritten for the test.
/// </summary>
public sealed class MinerSlotScriptTests : IDisposable
{
    private const string FakeCurl = """
        #!/bin/bash
        # curl as the slot script calls it, answering like IMDS, Blob storage (leases) and Key Vault
        url=; out=; writeout=; action=
        while [ $# -gt 0 ]; do
          case "$1" in
            -H) case "$2" in x-ms-lease-action:*) action=${2#x-ms-lease-action: };; esac; shift 2;;
            -o) out=$2; shift 2;;
            -w) writeout=$2; shift 2;;
            -X|--retry) shift 2;;
            -*) shift;;
            *) url=$1; shift;;
          esac
        done
        echo "$action $url" >> "$FAKE/calls"
        status=200; body=
        case "$url" in
          *identity/oauth2/token*) body='{"access_token":"token"}';;
          *compute/vmId*) body=vm-1;;
          *scheduledevents*) body=$(cat "$FAKE/events");;
          *comp=list*) body='<EnumerationResults><Blobs><Blob><Name>gpu-01</Name></Blob><Blob><Name>gpu-02</Name></Blob></Blobs></EnumerationResults>';;
          *comp=lease*)
            slot=${url##*/}; slot=${slot%%\?*}
            case "$action" in
              acquire) if grep -qx "$slot" "$FAKE/taken"; then status=409; else status=201; fi;;
              renew) status=$(cat "$FAKE/renew-status");;
            esac;;
          *secrets/miner-*) id=${url##*secrets/miner-}; body="{\"value\":\"credential-of-${id%%\?*}\"}";;
          *) status=404;;
        esac
        if [ -n "$out" ]; then printf %s "$body" > "$out"; else printf %s "$body"; fi
        if [ -n "$writeout" ]; then printf %s "$status"; fi
        """;

    private const string FakeAgent = """
        #!/bin/bash
        # the agent: records its arguments and credential, then runs until SIGTERM or for $FAKE_AGENT_SECONDS
        echo "args: $*" > "$FAKE/agent"
        echo "credential: $PONAS_MINER_CREDENTIAL" >> "$FAKE/agent"
        sleep "$FAKE_AGENT_SECONDS" &
        sleeper=$!
        trap 'kill "$sleeper"; echo terminated >> "$FAKE/agent"; exit 0' TERM
        wait "$sleeper"
        exit 3
        """;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ponas-slot-");

    [Fact]
    public async Task Claims_the_first_free_slot_and_runs_the_agent_with_its_credential()
    {
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "taken"), "gpu-01\n");
        var (exitCode, output) = await RunMiner(agentSeconds: "0.3", renewStatus: "200");

        Assert.True(exitCode == 3, $"exit code {exitCode}: {output}");
        var agent = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "agent"));
        Assert.Contains("mine --pool pool.example:30000 --miner-id gpu-02 --cluster-id ponas --service-id ponas --scheduled-events azure --threads 4", agent, StringComparison.Ordinal);
        Assert.Contains("credential: credential-of-gpu-02", agent, StringComparison.Ordinal);
        Assert.DoesNotContain("credential-of-gpu-02", agent.Split('\n')[0], StringComparison.Ordinal);

        var calls = await File.ReadAllLinesAsync(Path.Combine(folder.FullName, "calls"));
        Assert.Contains("acquire https://account.example/miner-slots/gpu-01?comp=lease", calls);
        Assert.Contains("acquire https://account.example/miner-slots/gpu-02?comp=lease", calls);
        Assert.Contains(" https://vault.example/secrets/miner-gpu-02?api-version=7.4", calls);
        Assert.Equal("release https://account.example/miner-slots/gpu-02?comp=lease", calls[^1]);
    }

    [Fact]
    public async Task Claims_no_slot_on_a_vm_that_is_being_evicted()
    {
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "taken"), "");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "events"), """{"DocumentIncarnation":2,"Events":[{"EventId":"e1","EventType":"Preempt","EventStatus":"Started"}]}""");
        var (exitCode, output) = await RunMiner(agentSeconds: "0", renewStatus: "200");

        Assert.Equal(0, exitCode);
        Assert.Contains("not claiming a miner slot", output, StringComparison.Ordinal);
        Assert.DoesNotContain(await File.ReadAllLinesAsync(Path.Combine(folder.FullName, "calls")), c => c.StartsWith("acquire", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(folder.FullName, "agent")));
    }

    [Fact]
    public async Task Waits_when_every_slot_is_taken()
    {
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "taken"), "gpu-01\ngpu-02\n");
        var (exitCode, output) = await RunMiner(agentSeconds: "0", renewStatus: "200");

        Assert.Equal(75, exitCode);
        Assert.Contains("no free miner slot", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.FullName, "agent")));
    }

    [Fact]
    public async Task Stops_the_agent_when_the_lease_is_lost()
    {
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "taken"), "");
        var (exitCode, output) = await RunMiner(agentSeconds: "30", renewStatus: "409");

        Assert.True(exitCode == 0, $"exit code {exitCode}: {output}");
        Assert.Contains("the lease was lost, stopping the agent", output, StringComparison.Ordinal);
        Assert.EndsWith("terminated\n", await File.ReadAllTextAsync(Path.Combine(folder.FullName, "agent")), StringComparison.Ordinal);
    }

    public void Dispose() => folder.Delete(recursive: true);

    private async Task<(int ExitCode, string Output)> RunMiner(string agentSeconds, string renewStatus)
    {
        var files = CloudInit.WrittenFiles();
        var bin = Directory.CreateDirectory(Path.Combine(folder.FullName, "bin")).FullName;
        var helpers = Path.Combine(folder.FullName, "azure.sh");
        var agent = Path.Combine(folder.FullName, "ponas");
        await File.WriteAllTextAsync(helpers, files["/usr/local/lib/ponas/azure.sh"]);
        await WriteExecutable(Path.Combine(bin, "curl"), FakeCurl);
        await WriteExecutable(agent, FakeAgent);
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "renew-status"), renewStatus);
        if (!File.Exists(Path.Combine(folder.FullName, "events")))
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "events"), """{"DocumentIncarnation":1,"Events":[]}""");
        }

        var script = files["/usr/local/bin/ponas-miner"]
            .Replace("/usr/local/lib/ponas/azure.sh", helpers, StringComparison.Ordinal)
            .Replace("/opt/ponas/ponas", agent, StringComparison.Ordinal)
            .Replace("sleep 20 &", "sleep 0.2 &", StringComparison.Ordinal)
            .Replace("sleep 60\n", "\n", StringComparison.Ordinal);
        var path = Path.Combine(folder.FullName, "ponas-miner");
        await WriteExecutable(path, script);

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE"] = folder.FullName;
        start.Environment["FAKE_AGENT_SECONDS"] = agentSeconds;
        start.Environment["PONAS_POOL"] = "pool.example:30000";
        start.Environment["PONAS_CLUSTER_ID"] = "ponas";
        start.Environment["PONAS_SERVICE_ID"] = "ponas";
        start.Environment["PONAS_IDENTITY_CLIENT_ID"] = "client";
        start.Environment["PONAS_BLOB_ENDPOINT"] = "https://account.example/";
        start.Environment["PONAS_SLOT_CONTAINER"] = "miner-slots";
        start.Environment["PONAS_VAULT_URI"] = "https://vault.example/";
        start.Environment["PONAS_VAULT_AUDIENCE"] = "https://vault.example";
        start.Environment["PONAS_MINE_ARGS"] = "--threads 4";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await errors);
    }

    private static async Task WriteExecutable(string path, string content)
    {
        await File.WriteAllTextAsync(path, content.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
