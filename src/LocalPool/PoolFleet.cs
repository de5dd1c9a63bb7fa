using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace PoNasOrleans.LocalPool;

/// <summary>
/// A whole pool on this machine: a real Azurite, one silo process (with an operator key for its API) and any number
/// of agent processes. Used by the demo, the multi-process tests and the load benchmark.
/// </summary>
public sealed class PoolFleet : IDisposable
{
    private readonly List<AgentProcess> agents = [];
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly string siloDll;

    private PoolFleet(Azurite storage, SiloProcess silo, string siloDll, IReadOnlyDictionary<string, string> environment, string operatorKey, int gatewayPort, string clusterId)
    {
        Storage = storage;
        Silo = silo;
        this.siloDll = siloDll;
        this.environment = environment;
        OperatorKey = operatorKey;
        Gateway = $"127.0.0.1:{gatewayPort.ToString(CultureInfo.InvariantCulture)}";
        ClusterId = clusterId;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort.ToString(CultureInfo.InvariantCulture)}") };
        Api.DefaultRequestHeaders.Add("X-Operator-Key", operatorKey);
    }

    public Azurite Storage { get; }

    public SiloProcess Silo { get; private set; }

    public string OperatorKey { get; }

    /// <summary>The silo's gateway, as agents take it in --pool.</summary>
    public string Gateway { get; }

    public string ClusterId { get; }

    /// <summary>The agents started so far.</summary>
    public IReadOnlyList<AgentProcess> Agents => agents;

    /// <summary>A client of the silo's API that sends the operator key.</summary>
    public HttpClient Api { get; }

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
        var fleet = new PoolFleet(storage, silo, siloDll, environment, operatorKey, int.Parse(environment["PONAS__CLUSTER__GATEWAYPORT"], CultureInfo.InvariantCulture), clusterId);
        if (await silo.WaitUntilHealthy(timeout ?? TimeSpan.FromSeconds(90)) != "active")
        {
            fleet.Dispose();
            throw new InvalidOperationException($"the silo did not become healthy: {await silo.Errors}");
        }

        return fleet;
    }

    /// <summary>
    /// Kills the silo (SIGKILL: no goodbye, nothing flushed) and starts it again on the same ports, in the same cluster
    /// and storage, as an operator's restart would; waits until it is healthy.
    /// </summary>
    public async Task KillAndRestartSilo(TimeSpan? timeout = null)
    {
        Silo.Dispose();
        Silo = new SiloProcess(environment, siloDll, Silo.HttpPort);
        if (await Silo.WaitUntilHealthy(timeout ?? TimeSpan.FromSeconds(90)) != "active")
        {
            throw new InvalidOperationException($"the restarted silo did not become healthy: {await Silo.Errors}");
        }
    }

    /// <summary>Registers a miner through the operator API and returns its credential.</summary>
    public async Task<string> Register(string minerId, string displayName, string device = "cpu")
    {
        using var response = await Api.PostAsJsonAsync(new Uri("/api/miners", UriKind.Relative), new { minerId, displayName, device });
        var body = await Json(response);
        return body.GetProperty("credential").GetString()!;
    }

    /// <summary>Opens a block through the operator API (the task as the API's JSON).</summary>
    public async Task<JsonElement> OpenBlock(object task)
    {
        using var response = await Api.PostAsJsonAsync(new Uri("/api/blocks", UriKind.Relative), task);
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

    /// <summary>Starts an agent for a registered miner against this pool: mining, or with <paramref name="command"/> <c>validate</c> as a devnet validator.</summary>
    public AgentProcess StartAgent(string agentDll, string minerId, string credential, IEnumerable<string> arguments, Action<string>? echo = null, string command = "mine")
    {
        var agent = new AgentProcess(agentDll, minerId, credential, ["--pool", Gateway, "--cluster-id", ClusterId, .. arguments], echo, command);
        agents.Add(agent);
        return agent;
    }

    public void Dispose()
    {
        foreach (var agent in agents)
        {
            agent.Dispose();
        }

        Silo.Terminate(TimeSpan.FromSeconds(30));
        Silo.Dispose();
        Api.Dispose();
        Storage.Dispose();
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
