namespace PoNasOrleans.Benchmarks;

/// <summary>
/// Pool load (issue 4): simulated miners without training against one silo with its storage on Azurite, all on
/// this machine. Every miner heartbeats every <see cref="LoadOptions.Heartbeat"/> and runs one episode (pull work,
/// prepare an honest report, report) every <see cref="LoadOptions.Episode"/>; the figures are of a steady window
/// after a warm-up. Target: 10,000 miners on one silo, p99 under 100 ms, nothing refused or lost.
/// </summary>
internal static class LoadBenchmark
{
    /// <summary>The latency target of the issue, for heartbeats, pulls and reports.</summary>
    private static readonly TimeSpan TargetP99 = TimeSpan.FromMilliseconds(100);

    public static void Run(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var miners in options.Miners)
        {
            Load(miners, options).GetAwaiter().GetResult();
        }

        if (options.WriteMiners > 0)
        {
            StorageWrites.Count(options).GetAwaiter().GetResult();
        }
    }

    /// <summary>Prints the failed calls of the whole run by kind, with an example message.</summary>
    internal static void Failures(LoadRecorder recorder)
    {
        if (recorder.Failures.Count == 0)
        {
            Console.WriteLine("  failures : none (whole run)");
            return;
        }

        foreach (var (kind, count) in recorder.Failures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  failures : {count:N0} × {kind} (whole run), e.g. {Shorten(recorder.Examples[kind])}");
        }
    }

    /// <summary>Prints the silo's warnings and errors of the run.</summary>
    internal static async Task SiloWarnings(LoadPool pool)
    {
        var summary = SiloLog.Summary(await pool.Fleet.Silo.Output).ToList();
        Console.WriteLine(summary.Count == 0 ? "  silo log : no warning or error" : string.Concat(summary.Select(line => $"  silo log : {line}{Environment.NewLine}")).TrimEnd());
    }

    private static async Task Load(int miners, LoadOptions options)
    {
        var recorder = new LoadRecorder();
        var pool = await LoadPool.Start(miners);
        try
        {
            Progress.Report("priming: one exploration per strong miner");
            await pool.Prime(recorder);
            Progress.Report($"warm-up of {options.WarmUp.TotalSeconds:N0} s");
            using var heartbeats = MinerSchedule.Start(pool.Miners, options.Heartbeat, m => m.Heartbeat(recorder), recorder, seed: 1);
            using var episodes = MinerSchedule.Start(pool.Miners, options.Episode, m => m.Episode(recorder, LoadPool.TrainImages), recorder, seed: 2);
            await Task.Delay(options.WarmUp);
            var (from, cpuFrom) = (recorder.Now, pool.CpuTime());
            Progress.Report($"window of {options.Window.TotalSeconds:N0} s");
            await Task.Delay(options.Window);
            var (to, cpuTo) = (recorder.Now, pool.CpuTime());
            Progress.Report("stopping the load: waiting for the calls under way");
            await Task.WhenAll(heartbeats.Stop(), episodes.Stop());

            Header(pool, options);
            var stats = Enum.GetValues<LoadCall>().ToDictionary(call => call, call => recorder.Stats(call, from, to));
            foreach (var (call, stat) in stats)
            {
                Console.WriteLine($"  {call.ToString().ToLowerInvariant(),-9}: {stat.Describe()}");
            }

            var lag = recorder.LagStats(from, to);
            Console.WriteLine($"  schedule : start lag p50 {lag.P50:N1} ms, p99 {lag.P99:N1} ms, max {lag.Max:N1} ms; {recorder.MissedSlots:N0} missed slots, {recorder.Waits:N0} wait items (whole run)");
            Failures(recorder);
            Console.WriteLine($"  CPU      : {cpuTo.Since(cpuFrom, to - from)} in the window");
            Progress.Report("reading the pool's counts");
            var counts = await Counts(pool);
            Verdict(stats, recorder, counts);
        }
        finally
        {
            await pool.DisposeAsync();
        }

        await SiloWarnings(pool);
    }

    private static void Header(LoadPool pool, LoadOptions options)
    {
        var miners = pool.Miners.Count;
        var strong = pool.Miners.Count(m => m.Strong);
        Console.WriteLine(
            $"load: {miners:N0} miners ({strong} strong exploring, {miners - strong:N0} weak exploiting), heartbeat every {options.Heartbeat.TotalSeconds:G} s, " +
            $"episode every {options.Episode.TotalSeconds:G} s; one silo and Azurite on this machine ({Environment.ProcessorCount} cores)");
        Console.WriteLine(
            $"  set-up   : {miners:N0} registrations through the API in {pool.Registration.TotalSeconds:N1} s ({miners / pool.Registration.TotalSeconds:N0}/s), " +
            $"calibrations through the gateway in {pool.Calibration.TotalSeconds:N1} s");
        Console.WriteLine(
            $"  window   : {options.Window.TotalSeconds:N0} s after {options.WarmUp.TotalSeconds:N0} s of warm-up; offered {miners / options.Heartbeat.TotalSeconds:N1} heartbeats/s " +
            $"and {miners / options.Episode.TotalSeconds:N1} episodes/s");
    }

    /// <summary>The pool's own counts, or null (printed) when its API cannot give them.</summary>
    private static async Task<PoolCounts?> Counts(LoadPool pool)
    {
        try
        {
            return await pool.Counts();
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            Console.WriteLine($"  pool     : its counts could not be read: {e.GetType().Name}: {Shorten(e.Message)}");
            return null;
        }
    }

    /// <summary>Compares the generator's acknowledged calls with the pool's counts and prints whether the target is met.</summary>
    private static void Verdict(Dictionary<LoadCall, CallStats> stats, LoadRecorder recorder, PoolCounts? counts)
    {
        // the pool stores before it acknowledges: acknowledged but not stored is lost; stored but not acknowledged is a call the generator gave up on (timeout)
        var lost = counts is null || recorder.AcceptedReports > counts.Episodes || recorder.AcceptedHeartbeats > counts.Heartbeats;
        if (counts is not null)
        {
            var late = counts.Episodes - recorder.AcceptedReports + counts.Heartbeats - recorder.AcceptedHeartbeats;
            Console.WriteLine(
                $"  lost     : reports acknowledged {recorder.AcceptedReports:N0}, episodes stored by the pool {counts.Episodes:N0}; " +
                $"heartbeats acknowledged {recorder.AcceptedHeartbeats:N0}, stored {counts.Heartbeats:N0} ({counts.Miners:N0} miners): " +
                (lost ? "acknowledged calls MISSING from the pool" : late > 0 ? $"none, but {late:N0} calls were stored after the generator had given up on them" : "none (equal)"));
            Console.WriteLine($"  pool     : refusals counted {counts.SubspaceRefusals:N0} (reports) and {counts.MinerRefusals:N0} (miner calls)");
        }

        var slow = stats.Where(s => s.Key != LoadCall.Prepare && (s.Value.P99 >= TargetP99.TotalMilliseconds || s.Value.Calls == s.Value.Failed)).Select(s => s.Key.ToString().ToLowerInvariant()).ToList();
        var refused = recorder.Failures.Values.Sum() + (counts?.SubspaceRefusals ?? 0) + (counts?.MinerRefusals ?? 0);
        var reasons = new List<string>();
        if (slow.Count > 0)
        {
            reasons.Add($"p99 ≥ {TargetP99.TotalMilliseconds:N0} ms: {string.Join(", ", slow)}");
        }

        if (refused > 0)
        {
            reasons.Add($"{refused:N0} refused or failed calls");
        }

        if (lost)
        {
            reasons.Add(counts is null ? "the pool's counts are unknown" : "acknowledged calls are missing");
        }

        if (recorder.MissedSlots > 0 || recorder.Waits > 0)
        {
            reasons.Add($"{recorder.MissedSlots:N0} missed slots, {recorder.Waits:N0} waits");
        }

        Console.WriteLine(
            $"  target   : p99 < {TargetP99.TotalMilliseconds:N0} ms for heartbeat, pull and report, nothing refused, failed, lost or skipped: " +
            (reasons.Count == 0 ? "met" : $"NOT met ({string.Join("; ", reasons)})"));
    }

    private static string Shorten(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
