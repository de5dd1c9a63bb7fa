using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Demo;

/// <summary>The demo's live view of the block, read from the pool's JSON API.</summary>
internal static class LiveBoard
{
    /// <summary>Waits until every miner reported its calibration; returns the fastest effective speed (images/s × budget factor).</summary>
    public static async Task<double> WaitForCalibration(PoolFleet fleet, int miners, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var strengths = (await fleet.Get("/api/miners")).EnumerateArray()
                .Where(m => m.GetProperty("strength").ValueKind == JsonValueKind.Object)
                .Select(m => m.GetProperty("strength"))
                .Select(s => s.GetProperty("imagesPerSecond").GetDouble() * s.GetProperty("timeBudgetFactor").GetDouble())
                .ToList();
            if (strengths.Count == miners)
            {
                return strengths.Max();
            }

            if (fleet.Agents.FirstOrDefault(a => a.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"agent {dead.MinerId} exited with {dead.ExitCode}:\n{dead.Output}");
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the agents did not calibrate within {timeout.TotalSeconds:F0} s");
    }

    /// <summary>Prints the board every <paramref name="period"/> until the training phase ends or every subspace is explored (then closes the block).</summary>
    public static async Task Follow(PoolFleet fleet, TextWriter output, Stopwatch clock, TimeSpan period)
    {
        while (true)
        {
            await Task.Delay(period);
            var block = await fleet.Get("/api/blocks/1");
            var subspaces = await fleet.Get("/api/blocks/1/subspaces");
            var miners = await fleet.Get("/api/miners");
            Print(output, clock, block, subspaces, miners);
            if (block.GetProperty("phase").GetString() == "Closed")
            {
                return;
            }

            if (block.GetProperty("subspaces").EnumerateArray().All(s => s.GetProperty("explored").GetBoolean()))
            {
                output.WriteLine("every subspace is explored: closing the training phase early");
                await fleet.Post("/api/blocks/1/close");
                return;
            }
        }
    }

    /// <summary>Sends SIGTERM to every agent and waits for them to leave.</summary>
    public static Task StopAgents(PoolFleet fleet) => Task.WhenAll(fleet.Agents.Select(agent => Task.Run(() => agent.Terminate(TimeSpan.FromSeconds(90)))));

    private static void Print(TextWriter output, Stopwatch clock, JsonElement block, JsonElement subspaces, JsonElement miners)
    {
        var left = block.GetProperty("trainingDeadline").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        output.WriteLine();
        output.WriteLine($"── block 1 at {clock.Elapsed.TotalSeconds:F0} s: {block.GetProperty("phase").GetString()}, {Math.Max(0, left.TotalSeconds):F0} s of training left ──");
        output.WriteLine($"  {"subspace",-9}{"explorer",-10}{"explored",9}{"episodes",10}{"best",9}");
        foreach (var subspace in subspaces.EnumerateArray())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {subspace.GetProperty("name").GetString(),-9}{subspace.GetProperty("explorer").GetString() ?? "-",-10}" +
                $"{subspace.GetProperty("explorations").GetInt64(),5}/{subspace.GetProperty("episodeBudget").GetInt32(),-3}" +
                $"{subspace.GetProperty("episodes").GetInt64(),10}{Best(subspace),9:F4}"));
        }

        output.WriteLine($"  {"miner",-10}{"role",-11}{"status",-8}{"episodes",9}{"work units",12}");
        foreach (var miner in miners.EnumerateArray())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {miner.GetProperty("minerId").GetString(),-10}{miner.GetProperty("role").GetString(),-11}{miner.GetProperty("status").GetString(),-8}" +
                $"{miner.GetProperty("episodes").GetInt64(),9}{miner.GetProperty("workUnits").GetInt64(),12}"));
        }

        var leaders = block.GetProperty("leaderboard").EnumerateArray().Take(3).ToList();
        output.WriteLine(leaders.Count == 0 ? "  leaderboard: empty" : "  leaderboard:");
        foreach (var (entry, rank) in leaders.Select((e, i) => (e, i + 1)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   {rank}. {entry.GetProperty("reward").GetDouble():F4}  {entry.GetProperty("subspace").GetString()} by {entry.GetProperty("minerId").GetString()} ({entry.GetProperty("kind").GetString()}, episode {entry.GetProperty("sequence").GetInt64()})"));
        }

        output.WriteLine();
    }

    /// <summary>A subspace's best reward, 0 before its first feasible episode.</summary>
    public static double Best(JsonElement subspace) =>
        subspace.GetProperty("best") is { ValueKind: JsonValueKind.Object } best ? best.GetProperty("reward").GetDouble() : 0;
}
