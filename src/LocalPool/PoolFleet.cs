using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace PoNasOrleans.LocalPool;

/// <summary>
/// A whole pool on this machine: a real Azurite, one silo process (with an operator key for its API), optionally more
/// silos of the same cluster, and any number of agent processes. Used by the demo, the multi-process tests and the
/// load benchmark.
/// </summary>
public sealed class PoolFleet : IDisposable
{
    private readonly List<AgentProcess> agents = [];
    private readonly List<SiloProcess> silos = [];
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly string siloDll;

    private PoolFleet(Azurite storage, SiloProcess silo, string siloDll, IReadOnlyDictionary<string, string> environment, string operatorKey, string clusterId)
    {
        Storage = storage;
        silos.Add(silo);
        this.siloDll = siloDll;
        this.environment = environment;
        OperatorKey = operatorKey;
        Gateway = silo.Gateway;
        ClusterId = clusterId;
        ApiSilo = silo;
        Api = ApiClient(silo, operatorKey);
    }

    public Azurite Storage { get; }

    /// <summary>The first silo (the one <see cref="Start"/> started, or its restart).</summary>
    public SiloProcess Silo => silos[0];

    /// <summary>Every silo started so far, the first first (killed ones too).</summary>
    public IReadOnlyList<SiloProcess> Silos => silos;

    public string OperatorKey { get; }

    /// <summary>The first silo's gateway, as agents take it in --pool.</summary>
    public string Gateway { get; }

    /// <summary>Every silo's gateway, as agents take them in --pool (what <see cref="StartAgent"/> gives them).</summary>
    public string Gateways => string.Join(',', silos.Select(s => s.Gateway));

    public string ClusterId { get; }

    /// <summary>The agents started so far.</summary>
    public IReadOnlyList<AgentProcess> Agents => agents;

    /// <summary>A client of a silo's API that sends the operator key: the first silo's, until that one is killed (<see cref="KillSilo"/>).</summary>
    public HttpClient Api { get; private set; }

    /// <summary>The silo whose API <see cref="Api"/> calls.</summary>
    public SiloProcess ApiSilo { get; private set; }

    /// <summary>Starts Azurite (logging its requests to <paramref name="storageLog"/> when given; in memory only with <paramref name="inMemoryStorage"/>) and a silo (with extra PONAS__ settings) and waits until the silo is healthy.</summary>
    public static async Task<PoolFleet> Start(string siloDll, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? timeout = null, string? storageLog = null, bool inMemoryStorage = false)
    {
        var storage = new Azurite(storageLog, inMemoryStorage);
        var clusterId = $"fleet-{Guid.NewGuid():N}"[..14];
        var environment = SiloProcess.Environment(storage, clusterId);
        var operatorKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        environment["PONAS__POOL__OPERATORKEY"] = operatorKey;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var silo = new SiloProcess(environment, siloDll);
        var fleet = new PoolFleet(storage, silo, siloDll, environment, operatorKey, clusterId);
        try
        {
            await WaitUntilActive(silo, "the silo", timeout);
        }
        catch (InvalidOperationException)
        {
            fleet.Dispose();
            throw;
        }

        return fleet;
    }

    /// <summary>
    /// Kills the first silo (SIGKILL: no goodbye, nothing flushed) and starts it again on the same ports, in the same cluster
    /// and storage, as an operator's restart would; waits until it is healthy.
    /// </summary>
    public async Task KillAndRestartSilo(TimeSpan? timeout = null)
    {
        var killed = Silo;
        killed.Dispose();
        silos[0] = new SiloProcess(environment, siloDll, killed.HttpPort);
        if (ApiSilo == killed)
        {
            // same HTTP port: the API client stays
            ApiSilo = silos[0];
        }

        await WaitUntilActive(Silo, "the restarted silo", timeout);
    }

    /// <summary>
    /// Starts another silo of the same cluster and storage, with the same settings, on other free ports (silo, gateway,
    /// HTTP); waits until it is active. Agents started afterwards get its gateway too.
    /// </summary>
    public async Task<SiloProcess> AddSilo(TimeSpan? timeout = null)
    {
        var silo = new SiloProcess(SiloProcess.WithFreePorts(environment), siloDll);
        silos.Add(silo);
        await WaitUntilActive(silo, $"silo {silos.Count}", timeout);
        return silo;
    }

    /// <summary>
    /// Kills a silo with SIGKILL (no goodbye to the cluster: the others must detect its death); when <see cref="Api"/>
    /// called it, the API client moves to a silo that still runs.
    /// </summary>
    public void KillSilo(SiloProcess silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Kill();
        if (silo == ApiSilo && silos.FirstOrDefault(s => !s.HasExited) is { } survivor)
        {
            Api.Dispose();
            ApiSilo = survivor;
            Api = ApiClient(survivor, OperatorKey);
        }
    }

    /// <summary>Registers a miner through the operator API (<paramref name="through"/> a silo's, by default <see cref="Api"/>'s) and returns its credential.</summary>
    public async Task<string> Register(string minerId, string displayName, string device = "cpu", SiloProcess? through = null)
    {
        using var response = await PostJson(through, "/api/miners", new { minerId, displayName, device });
        var body = await Json(response);
        return body.GetProperty("credential").GetString()!;
    }

    /// <summary>Opens a block through the operator API (<paramref name="through"/> a silo's, by default <see cref="Api"/>'s; the task as the API's JSON).</summary>
    public async Task<JsonElement> OpenBlock(object task, SiloProcess? through = null)
    {
        using var response = await PostJson(through, "/api/blocks", task);
        return await Json(response);
    }

    /// <summary>GETs an API path.</summary>
    public async Task<JsonElement> Get(string path)
    {
        using var response = await Api.GetAsync(new Uri(path, UriKind.Relative));
        return await Json(response);
    }

    /// <summary>POSTs to an API path without a body.</summary>
    public async Task<JsonElement> Post(string path)
    {
        using var response = await Api.PostAsync(new Uri(path, UriKind.Relative), null);
        return await Json(response);
    }

    /// <summary>Starts an agent for a registered miner against this pool (every silo's gateway): mining, or with <paramref name="command"/> <c>validate</c> as a devnet validator.</summary>
    public AgentProcess StartAgent(string agentDll, string minerId, string credential, IEnumerable<string> arguments, Action<string>? echo = null, string command = "mine")
    {
        var agent = new AgentProcess(agentDll, minerId, credential, ["--pool", Gateways, "--cluster-id", ClusterId, .. arguments], echo, command);
        agents.Add(agent);
        return agent;
    }

    public void Dispose()
    {
        foreach (var agent in agents)
        {
            agent.Dispose();
        }

        // SIGTERM to every running silo at once: they leave the cluster together
        Task.WaitAll([.. silos.Where(s => !s.HasExited).Select(s => Task.Run(() => s.Terminate(TimeSpan.FromSeconds(30))))]);
        foreach (var silo in silos)
        {
            silo.Dispose();
        }

        Api.Dispose();
        Storage.Dispose();
    }

    /// <summary>POSTs JSON to the API of <paramref name="through"/> (default: <see cref="Api"/>'s silo); the answer's content is read before the client goes.</summary>
    private async Task<HttpResponseMessage> PostJson(SiloProcess? through, string path, object body)
    {
        if (through is null || through == ApiSilo)
        {
            return await Api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        }

        using var api = ApiClient(through, OperatorKey);
        return await api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
    }

    private static HttpClient ApiClient(SiloProcess silo, string operatorKey)
    {
        var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort.ToString(CultureInfo.InvariantCulture)}") };
        api.DefaultRequestHeaders.Add("X-Operator-Key", operatorKey);
        return api;
    }

    private static async Task WaitUntilActive(SiloProcess silo, string what, TimeSpan? timeout)
    {
        if (await silo.WaitUntilHealthy(timeout ?? TimeSpan.FromSeconds(90)) != "active")
        {
            silo.Kill();
            throw new InvalidOperationException($"{what} did not become healthy: {await silo.Errors}");
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
