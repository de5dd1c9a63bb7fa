using System.Diagnostics;

namespace PoNasOrleans.MinerAgent.Tests.Cli;

public sealed class SearchCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ponas-cli-search-").FullName;

    /// <summary>A small search; <paramref name="changes"/> are option/value pairs that replace or add to the defaults, or lone flags.</summary>
    private string[] Args(int episodes, params string[] changes)
    {
        var options = new Dictionary<string, string?>
        {
            ["--space"] = "paper:S9", ["--layers"] = "2", ["--episodes"] = episodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["--epochs"] = "1", ["--synth-images"] = "300", ["--batch-size"] = "32", ["--seed"] = "5", ["--out"] = Path.Combine(folder, "run.jsonl"),
        };
        for (var i = 0; i < changes.Length; i++)
        {
            var flag = i + 1 == changes.Length || changes[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[changes[i]] = flag ? null : changes[++i];
        }

        return ["search", .. options.SelectMany(o => o.Value is null ? [o.Key] : new[] { o.Key, o.Value })];
    }

    [Fact]
    public void Runs_writes_a_line_per_episode_and_resumes_to_more_episodes()
    {
        var run = CliRun.Of(Args(2));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("search finished: 2 episodes", run.Out, StringComparison.Ordinal);
        Assert.Contains("episode 2/2", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(folder, "run.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(folder, "run.jsonl.ckpt")));

        var resumed = CliRun.Of(Args(3, "--resume"));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("search finished: 3 episodes", resumed.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(folder, "run.jsonl"));
        Assert.Equal(3, lines.Length);
        Assert.All(["\"episode\":3", "\"architecture\":", "\"luts\":", "\"throughput\":", "\"feasible\":", "\"reward\":", "\"best_so_far\":", "\"seconds\":"],
            key => Assert.Contains(key, lines[2], StringComparison.Ordinal));
    }

    [Fact]
    public void An_existing_run_is_not_overwritten_without_resume()
    {
        File.WriteAllText(Path.Combine(folder, "run.jsonl"), "precious\n");
        var run = CliRun.Of(Args(1));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("already exists: continue that run with --resume", run.Error, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(Path.Combine(folder, "run.jsonl")));
    }

    [Fact]
    public void Resuming_with_another_space_or_a_damaged_checkpoint_is_refused_with_a_message()
    {
        Assert.Equal(0, CliRun.Of(Args(1)).ExitCode);
        var log = File.ReadAllText(Path.Combine(folder, "run.jsonl"));
        var otherSpace = CliRun.Of(Args(2, "--resume", "--space", "paper:S6"));
        Assert.Equal(1, otherSpace.ExitCode);
        Assert.Contains("searches another space", otherSpace.Error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(folder, "run.jsonl.ckpt"), "garbage");
        var damaged = CliRun.Of(Args(2, "--resume"));
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains("run.jsonl.ckpt: not a controller checkpoint", damaged.Error, StringComparison.Ordinal);
        Assert.Equal(log, File.ReadAllText(Path.Combine(folder, "run.jsonl")));
    }

    [Theory]
    [InlineData("--episodes", "0", "--episodes must be at least 1")]
    [InlineData("--time-budget-factor", "0.1", "TimeBudgetFactor a time budget factor needs an EpisodeTimeBudget")]
    [InlineData("--dataset", "/nonexistent/cifar", "no such data set folder")]
    [InlineData("--space", "paper:S10", "no subspace 'S10'")]
    [InlineData("--quantization", "int8", "int8")]
    public void Bad_options_are_refused_with_a_message(string option, string value, string expected)
    {
        var run = CliRun.Of(Args(1, option, value));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "run.jsonl")));
    }

    [Fact]
    public void Sigterm_checkpoints_and_exits_cleanly_and_the_run_resumes()
    {
        var log = Path.Combine(folder, "run.jsonl");
        using (var agent = StartAgent(Args(500)))
        {
            var deadline = Stopwatch.StartNew();
            while (!(File.Exists(log) && File.ReadAllLines(log).Length >= 1) && deadline.Elapsed < TimeSpan.FromSeconds(60) && !agent.HasExited)
            {
                Thread.Sleep(100);
            }

            if (agent.HasExited)
            {
                Assert.Fail($"the agent ended before it could be stopped: {agent.StandardError.ReadToEnd()}");
            }

            using (var kill = Process.Start("kill", ["-TERM", agent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.True(agent.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Equal(130, agent.ExitCode);
            Assert.Contains("interrupted after episode", agent.StandardOutput.ReadToEnd(), StringComparison.Ordinal);
        }

        var done = File.ReadAllLines(log).Length;
        Assert.InRange(done, 1, 499);
        var resumed = CliRun.Of(Args(done + 1, "--resume"));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(done + 1, File.ReadAllLines(log).Length);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Process StartAgent(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ponas.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the agent");
    }
}
