using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PoNasOrleans.LocalPool;

namespace PoNasOrleans.Experiments.Pool;

/// <summary>
/// The real pool an experiment runs on (<see cref="PoolFleet"/>: Azurite, a silo and <c>ponas mine</c> agents as
/// processes): miners are registered and started through it, blocks opened and closed through the operator API,
/// progress and results read back from the JSON API. Nothing is simulated: agents train, upload and report, and the
/// pool assigns, checks and logs, as in production.
/// </summary>
internal sealed class ExperimentPool : IDisposable
{
    private const int Page = 1000;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan CalibrationTimeout = TimeSpan.FromMinutes(5);

    private readonly PoolFleet fleet;
    private readonly ExperimentSettings settings;
    private readonly ExperimentLog log;
    private readonly Dictionary<string, string> lastExplorers = [];
    private readonly Dictionary<long, Stopwatch> opened = [];

    private ExperimentPool(PoolFleet fleet, ExperimentSettings settings, ExperimentLog log, CancellationToken stopping)
    {
        this.fleet = fleet;
        this.settings = settings;
        this.log = log;
        Stopping = stopping;
    }

    /// <summary>Fires when the run is stopped (Ctrl-C): every wait ends with <see cref="OperationCanceledException"/> and disposing stops the processes.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>
    /// Starts Azurite and a silo (waiting retries of 1 s, heartbeats every 5 s; with <paramref name="supervisor"/> the
    /// supervisor ticks every second, so the deviation series has a point for nearly every change).
    /// </summary>
    public static async Task<ExperimentPool> Start(ExperimentSettings settings, ExperimentLog log, bool supervisor, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var environment = new Dictionary<string, string>
        {
            ["PONAS__POOL__WAITRETRY"] = "00:00:01",
            ["PONAS__POOL__HEARTBEATINTERVAL"] = "00:00:05",
        };
        if (supervisor)
        {
            environment["PONAS__SUPERVISOR__ENABLED"] = "true";
            environment["PONAS__SUPERVISOR__PERIOD"] = "00:00:01";
        }

        var fleet = await PoolFleet.Start(Builds.Silo, environment);
        log.Line($"pool up: Azurite, a silo (API {fleet.Api.BaseAddress}){(supervisor ? ", supervisor every second" : "")}");
        return new ExperimentPool(fleet, settings, log, stopping);
    }

    /// <summary>Registers the miners and starts their agents (one libtorch thread each; a factor below 1 makes a weak miner).</summary>
    public async Task StartMiners(IEnumerable<(string Id, double TimeBudgetFactor)> miners)
    {
        ArgumentNullException.ThrowIfNull(miners);
        foreach (var (id, factor) in miners)
        {
            var credential = await fleet.Register(id, id);
            fleet.StartAgent(Builds.Agent, id, credential, [
                .. settings.Data.AgentArguments,
                "--threads", "1", "--batch-size", settings.Budget.BatchSize.ToString(CultureInfo.InvariantCulture), "--heartbeat", "5",
                "--time-budget-factor", factor.ToString("R", CultureInfo.InvariantCulture),
            ]);
        }
    }

    /// <summary>Waits until the miners have calibrated; answers their effective speeds (images/s × time budget factor) as the pool judges strength.</summary>
    public async Task<IReadOnlyDictionary<string, double>> Calibrated(IReadOnlyCollection<string> minerIds)
    {
        ArgumentNullException.ThrowIfNull(minerIds);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ThrowIfAnAgentExited();
            var strengths = await EffectiveStrengths();
            if (minerIds.All(strengths.ContainsKey))
            {
                return minerIds.ToDictionary(id => id, id => strengths[id]);
            }

            if (clock.Elapsed > CalibrationTimeout)
            {
                throw new TimeoutException($"miners {string.Join(", ", minerIds.Where(id => !strengths.ContainsKey(id)))} did not calibrate within {CalibrationTimeout}");
            }

            await Task.Delay(Poll, Stopping);
        }
    }

    /// <summary>Every calibrated miner's effective speed now (images/s, refined by its accepted episodes, × time budget factor).</summary>
    public async Task<IReadOnlyDictionary<string, double>> EffectiveStrengths() =>
        (await fleet.Get($"/api/miners?take={Page}")).EnumerateArray()
            .Where(m => m.GetProperty("strength").ValueKind == JsonValueKind.Object)
            .ToDictionary(
                m => m.GetProperty("minerId").GetString()!,
                m => m.GetProperty("strength").GetProperty("imagesPerSecond").GetDouble() * m.GetProperty("strength").GetProperty("timeBudgetFactor").GetDouble());

    /// <summary>Opens a block; answers it as the pool describes it.</summary>
    public async Task<JsonElement> Open(BlockPlan plan, string what)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var block = await fleet.OpenBlock(plan.Task(settings));
        opened[plan.Height] = Stopwatch.StartNew();
        log.Line(string.Create(CultureInfo.InvariantCulture,
            $"{what}: block {plan.Height} open: {plan.Partitioner} into {block.GetProperty("subspaces").GetArrayLength()} subspaces, {plan.Assignment}, " +
            $"{settings.Budget.EpisodesPerMiner} explorations each of {settings.Budget.Epochs} epoch(s) on {settings.Data.TrainImages} images" +
            $"{(plan.TimeBudget(settings) is { } b ? $", episode time budget {b.TotalSeconds:F1} s" : "")}" +
            $"{(plan.TrainingPhase < BlockPlan.UntilExplored ? $", training phase {plan.TrainingPhase.TotalSeconds:F0} s (strong from {block.GetProperty("task").GetProperty("strongImagesPerSecond").GetDouble():F1} images/s)" : "")}"));
        return block;
    }

    /// <summary>Waits until each named subspace of the block has been given to an explorer.</summary>
    public async Task WaitForExplorers(long height, IReadOnlyCollection<string> subspaces)
    {
        ArgumentNullException.ThrowIfNull(subspaces);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ThrowIfAnAgentExited();
            var taken = (await fleet.Get($"/api/blocks/{height}/subspaces")).EnumerateArray()
                .Where(s => s.GetProperty("explorer").ValueKind == JsonValueKind.String || s.GetProperty("explorations").GetInt64() > 0)
                .Select(s => s.GetProperty("name").GetString()!)
                .ToHashSet();
            if (subspaces.All(taken.Contains))
            {
                return;
            }

            if (clock.Elapsed > CalibrationTimeout)
            {
                throw new TimeoutException($"subspaces {string.Join(", ", subspaces.Where(s => !taken.Contains(s)))} of block {height} got no explorer within {CalibrationTimeout}");
            }

            await Task.Delay(Poll, Stopping);
        }
    }

    /// <summary>
    /// Follows the block until every subspace has its explorations (or its training phase is over), printing a
    /// progress line every budget period (explorations per subspace, episodes per miner, elapsed); then closes it.
    /// Answers how long it took from its opening.
    /// </summary>
    public async Task<TimeSpan> Explore(long height, string what)
    {
        var clock = opened.TryGetValue(height, out var since) ? since : Stopwatch.StartNew();
        var progressDue = clock.Elapsed + settings.Budget.Progress;
        while (true)
        {
            ThrowIfAnAgentExited();
            var closed = (await fleet.Get($"/api/blocks/{height}")).GetProperty("phase").GetString() == "Closed";
            var subspaces = (await fleet.Get($"/api/blocks/{height}/subspaces")).EnumerateArray().ToList();
            var explored = subspaces.All(s => s.GetProperty("explorations").GetInt64() >= s.GetProperty("episodeBudget").GetInt32());
            var done = explored || closed;
            if (done || clock.Elapsed >= progressDue)
            {
                log.Line(await Progress(what, height, subspaces, clock.Elapsed));
                progressDue = clock.Elapsed + settings.Budget.Progress;
            }

            if (done)
            {
                if (!explored)
                {
                    log.Line($"{what}: the training phase of block {height} ended before every subspace was explored");
                }

                break;
            }

            if (clock.Elapsed > settings.Budget.BlockTimeout)
            {
                throw new TimeoutException($"{what}: block {height} was not explored within {settings.Budget.BlockTimeout}");
            }

            await Task.Delay(Poll, Stopping);
        }

        var took = clock.Elapsed;
        await fleet.Post($"/api/blocks/{height}/close");
        return took;
    }

    /// <summary>Every subspace of a block with its whole episode log.</summary>
    public async Task<ImmutableArray<SubspaceLog>> Logs(long height)
    {
        var logs = ImmutableArray.CreateBuilder<SubspaceLog>();
        foreach (var subspace in (await fleet.Get($"/api/blocks/{height}")).GetProperty("subspaces").EnumerateArray())
        {
            var name = subspace.GetProperty("name").GetString()!;
            var episodes = ImmutableArray.CreateBuilder<LoggedEpisode>();
            while (true)
            {
                var page = (await fleet.Get($"/api/blocks/{height}/subspaces/{name}/episodes?skip={episodes.Count}&take={Page}")).EnumerateArray().Select(LoggedEpisode.Read).ToList();
                episodes.AddRange(page);
                if (page.Count < Page)
                {
                    break;
                }
            }

            logs.Add(new SubspaceLog(name, subspace.GetProperty("space").GetString()!, episodes.ToImmutable()));
        }

        return logs.ToImmutable();
    }

    /// <summary>GETs an API path.</summary>
    public Task<JsonElement> Get(string path) => fleet.Get(path);

    /// <summary>Sends SIGTERM to every agent and waits for them to leave the pool.</summary>
    public async Task StopMiners()
    {
        log.Line($"stopping {fleet.Agents.Count} agents (SIGTERM: they leave the pool)");
        await Task.WhenAll(fleet.Agents.Select(agent => Task.Run(() => agent.Terminate(TimeSpan.FromSeconds(90)))));
    }

    public void Dispose() => fleet.Dispose();

    private async Task<string> Progress(string what, long height, List<JsonElement> subspaces, TimeSpan elapsed)
    {
        foreach (var subspace in subspaces)
        {
            if (subspace.GetProperty("explorer").GetString() is { } explorer)
            {
                lastExplorers[$"{height}/{subspace.GetProperty("name").GetString()}"] = explorer;
            }
        }

        var miners = (await fleet.Get($"/api/miners?take={Page}")).EnumerateArray()
            .Where(m => m.GetProperty("assignment").GetString()?.StartsWith($"{height}/", StringComparison.Ordinal) == true || m.GetProperty("episodes").GetInt64() > 0)
            .Select(m => $"{m.GetProperty("minerId").GetString()} {m.GetProperty("episodes").GetInt64()}");
        var explorations = subspaces.Sum(s => s.GetProperty("explorations").GetInt64());
        var planned = subspaces.Sum(s => s.GetProperty("episodeBudget").GetInt32());
        var exploitations = subspaces.Sum(s => s.GetProperty("episodes").GetInt64()) - explorations;
        var perSubspace = subspaces.Select(s =>
        {
            var name = s.GetProperty("name").GetString();
            return $"{name}:{lastExplorers.GetValueOrDefault($"{height}/{name}", "-")} {s.GetProperty("explorations").GetInt64()}/{s.GetProperty("episodeBudget").GetInt32()}";
        });
        return $"{what}, block {height}, {elapsed.TotalSeconds:F0} s: explorations {explorations}/{planned}, exploitations {exploitations}" +
            $" | {string.Join("  ", perSubspace)} | episodes per miner: {string.Join(", ", miners)}";
    }

    private void ThrowIfAnAgentExited()
    {
        if (fleet.Agents.FirstOrDefault(a => a.HasExited) is { } gone)
        {
            throw new InvalidOperationException($"agent {gone.MinerId} exited with code {gone.ExitCode}:\n{string.Join('\n', gone.Output.Split('\n').TakeLast(40))}");
        }
    }
}
