using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace PoNasOrleans.LocalPool;

/// <summary>A miner agent (<c>ponas mine</c>) as a real process; its output lines are kept with the time each was read and, when asked, echoed with its id.</summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<AgentLine> lines = new();

    /// <summary>Starts <c>ponas {command} --miner-id {minerId} {arguments}</c> (<c>mine</c> or <c>validate</c>) with the credential in its environment.</summary>
    public AgentProcess(string agentDll, string minerId, string credential, IEnumerable<string> arguments, Action<string>? echo = null, string command = "mine")
    {
        ArgumentNullException.ThrowIfNull(arguments);
        MinerId = minerId;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(agentDll);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add("--miner-id");
        start.ArgumentList.Add(minerId);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PONAS_MINER_CREDENTIAL"] = credential;
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Enqueue(new AgentLine(DateTimeOffset.UtcNow, line));
                echo?.Invoke($"[{minerId}] {line}");
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string MinerId { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the agent printed so far.</summary>
    public string Output => string.Join('\n', lines.Select(l => l.Text));

    /// <summary>Every line it printed so far (standard output and error, in the order read), each with the time it was read.</summary>
    public IReadOnlyList<AgentLine> Lines => [.. lines];

    /// <summary>Sends SIGTERM (the agent checkpoints, reports and leaves) and waits for it to end.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        return WaitForExit(timeout);
    }

    /// <summary>Kills the agent at once (SIGKILL), as a crash or a lost VM would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Waits for the agent to end by itself (and for its output to be read).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            return false;
        }

        process.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}

/// <summary>A line an agent printed and when the test read it (within milliseconds of its printing).</summary>
/// <param name="At">When it was read.</param>
/// <param name="Text">The line.</param>
public sealed record AgentLine(DateTimeOffset At, string Text);
