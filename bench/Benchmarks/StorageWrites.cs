namespace PoNasOrleans.Benchmarks;

/// <summary>
/// Storage writes per heartbeat and per episode report, measured: a run of its own with Azurite's request log
/// (which slows Azurite, so it is not one of the timed runs). After a warm-up with everything running, one phase
/// runs only heartbeats and the next only episodes (pull, uploads, report); the requests Azurite logged in each
/// phase, by table, grain type and blob container, are divided by the heartbeats or reports the pool accepted in it.
/// </summary>
internal static class StorageWrites
{
    private static readonly TimeSpan HeartbeatPhase = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan EpisodePhase = TimeSpan.FromSeconds(60);

    public static async Task Count(LoadOptions options)
    {
        var log = Path.Combine(Path.GetTempPath(), $"ponas-azurite-requests-{Guid.NewGuid():N}.log");
        try
        {
            var recorder = new LoadRecorder();
            Phase heartbeatPhase, episodePhase;
            PoolCounts counts;
            var pool = await LoadPool.Start(options.WriteMiners, log);
            try
            {
                await pool.Prime(recorder);
                Progress.Report($"warm-up of {options.WarmUp.TotalSeconds:N0} s");
                using var heartbeats = MinerSchedule.Start(pool.Miners, options.Heartbeat, m => m.Heartbeat(recorder), recorder, seed: 1);
                using var warmUp = MinerSchedule.Start(pool.Miners, options.Episode, m => m.Episode(recorder, LoadPool.TrainImages), recorder, seed: 2);
                await Task.Delay(options.WarmUp);
                await warmUp.Stop();
                Progress.Report($"{HeartbeatPhase.TotalSeconds:N0} s of heartbeats only");
                heartbeatPhase = await Run(recorder, HeartbeatPhase, () => heartbeats.Stop());
                Progress.Report($"{EpisodePhase.TotalSeconds:N0} s of episodes only");
                using var episodes = MinerSchedule.Start(pool.Miners, options.Episode, m => m.Episode(recorder, LoadPool.TrainImages), recorder, seed: 3);
                episodePhase = await Run(recorder, EpisodePhase, () => episodes.Stop());
                counts = await pool.Counts();
            }
            finally
            {
                await pool.DisposeAsync();
            }

            Progress.Report("reading Azurite's request log");
            var requests = StorageLog.Read(log);
            var beats = recorder.Stats(LoadCall.Heartbeat, heartbeatPhase.From, heartbeatPhase.To);
            var reports = recorder.Stats(LoadCall.Report, episodePhase.From, episodePhase.To);
            var pulls = recorder.Stats(LoadCall.Pull, episodePhase.From, episodePhase.To);
            Console.WriteLine(
                $"storage writes: {options.WriteMiners:N0} miners, Azurite's request log on; {HeartbeatPhase.TotalSeconds:N0} s of heartbeats only, then {EpisodePhase.TotalSeconds:N0} s of episodes only, after {options.WarmUp.TotalSeconds:N0} s of both");
            Print($"per heartbeat ({beats.Calls - beats.Failed:N0} accepted)", heartbeatPhase.Requests(requests), beats.Calls - beats.Failed);
            Print($"per episode report ({reports.Calls - reports.Failed:N0} accepted, {pulls.Calls:N0} pulls)", episodePhase.Requests(requests), reports.Calls - reports.Failed);
            var subspaceStates = requests.Where(r => r.IsWrite && r.Target == "grain state: subspace").ToList();
            if (subspaceStates.Count > 0)
            {
                Console.WriteLine($"  the largest subspace state written: {subspaceStates.Max(r => r.Bytes) / 1024.0:N1} KB ({counts.Miners:N0} miners registered)");
            }

            LoadBenchmark.Failures(recorder);
            await LoadBenchmark.SiloWarnings(pool);
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>Lets the load run for <paramref name="length"/>, stops it and waits for its calls to end: the phase's calls and requests lie within it.</summary>
    private static async Task<Phase> Run(LoadRecorder recorder, TimeSpan length, Func<Task> stop)
    {
        var (from, fromTime) = (recorder.Now, DateTimeOffset.UtcNow);
        await Task.Delay(length);
        var to = recorder.Now;
        await stop();
        return new Phase(from, to, fromTime, DateTimeOffset.UtcNow);
    }

    private static void Print(string what, IReadOnlyList<StorageRequest> requests, long count)
    {
        var writes = requests.Where(r => r.IsWrite).ToList();
        var reads = requests.Count - writes.Count;
        Console.WriteLine($"  {what}: {writes.Count / (double)count:N2} writes ({writes.Sum(r => r.Bytes) / 1024.0 / count:N1} KB) and {reads / (double)count:N2} reads");
        foreach (var group in writes.GroupBy(r => (r.Target, r.Method)).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine(
                $"    {group.Count() / (double)count,6:N3} × {group.Key.Method,-6} {group.Key.Target} " +
                $"({group.Count():N0} in the phase, {group.Average(r => r.Bytes) / 1024.0:N1} KB on average, at most {group.Max(r => r.Bytes) / 1024.0:N1} KB)");
        }

        foreach (var group in requests.Where(r => !r.IsWrite).GroupBy(r => (r.Target, r.Method)).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"    {group.Count() / (double)count,6:N3} × {group.Key.Method,-6} {group.Key.Target} (read; {group.Count():N0} in the phase)");
        }
    }

    /// <summary>A phase on the run's clock (for the calls) and on the wall clock (for Azurite's log), until all its calls ended.</summary>
    private sealed record Phase(TimeSpan From, TimeSpan To, DateTimeOffset FromTime, DateTimeOffset EndTime)
    {
        public IReadOnlyList<StorageRequest> Requests(IReadOnlyList<StorageRequest> all) => [.. all.Where(r => r.At >= FromTime && r.At <= EndTime)];
    }
}
