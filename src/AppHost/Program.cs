using System.Globalization;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PoNasOrleans.AppHost;

// The local pool under Aspire (docs/apphost.md): Azurite, one silo running the devnet chain with the pool following it
// (it opens a block for every height the chain publishes), and miner agents (two strong, two weak, one validator by
// default) on the synthetic data set. The dashboard shows their logs and receives their OTLP telemetry.
var builder = DistributedApplication.CreateBuilder(args);
var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
var agents = builder.Configuration.GetSection(AgentSettings.Section).Get<AgentSettings>() ?? new AgentSettings();
if (agents.Problems() is { Count: > 0 } problems)
{
    throw new InvalidOperationException($"invalid configuration:\n  - {string.Join("\n  - ", problems)}");
}

var ports = LocalPorts.From(builder.Configuration);
var clusterId = builder.Configuration["ClusterId"] ?? "ponas-apphost";

var azurite = builder.AddAzurite("azurite", repositoryRoot, ports);

// The operator key of the silo's API: Parameters:operator-key when configured, else a fresh one per run.
var operatorKey = builder.AddParameter(
    "operator-key", builder.Configuration["Parameters:operator-key"] ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), secret: true);

var silo = builder.AddProject<Projects.Silo>("silo")
    .WithHttpEndpoint(name: "http", port: ports.Api)
    .WithEndpoint(name: "gateway", scheme: "tcp", port: ports.Gateway, targetPort: ports.Gateway, isProxied: false)
    .WithEnvironment("PONAS__STORAGE__CONNECTIONSTRING", Azurite.ConnectionString(ports))
    .WithEnvironment("PONAS__CLUSTER__CLUSTERID", clusterId)
    .WithEnvironment("PONAS__CLUSTER__SILOPORT", ports.Silo.ToString(CultureInfo.InvariantCulture))
    .WithEnvironment("PONAS__CLUSTER__GATEWAYPORT", ports.Gateway.ToString(CultureInfo.InvariantCulture))
    .WithEnvironment("PONAS__POOL__OPERATORKEY", operatorKey)
    .WithUrlForEndpoint("http", url => url.DisplayText = "pool API")
    .WithUrlForEndpoint("http", endpoint => new ResourceUrlAnnotation { Url = $"{endpoint.Url}/dashboard/", DisplayText = "pool dashboard" })
    .WithUrlForEndpoint("gateway", url => url.DisplayText = "Orleans gateway")
    .WithHttpHealthCheck("/health")
    .WaitFor(azurite);

// Every leaf of the section "Silo" (appsettings.json: the devnet, consensus and pool settings) becomes a PONAS__ variable.
foreach (var (key, value) in builder.Configuration.GetSection("Silo").AsEnumerable(makePathsRelative: true))
{
    if (value is not null)
    {
        silo.WithEnvironment($"PONAS__{key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}", value);
    }
}

var gateway = $"127.0.0.1:{ports.Gateway.ToString(CultureInfo.InvariantCulture)}";
var credentials = new MinerCredentials();
builder.Eventing.Subscribe<ResourceReadyEvent>(silo.Resource, async (ready, cancellationToken) =>
{
    var log = ready.Services.GetRequiredService<ResourceLoggerService>().GetLogger(silo.Resource);
    var key = await operatorKey.Resource.GetValueAsync(cancellationToken) ?? throw new InvalidOperationException("the operator key has no value");
    var api = new Uri(silo.GetEndpoint("http").Url);
    await credentials.RegisterAll(api, key, log, cancellationToken);
    var console = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PoNasOrleans.AppHost");
    Announcements.PoolReady(console, api, gateway, credentials.Count);
});

IResourceBuilder<ProjectResource> AddAgent(string minerId, string command, IEnumerable<string> arguments)
{
    credentials.Expect(minerId);
    return builder.AddProject<Projects.MinerAgent>(minerId)
        .WithArgs(context =>
        {
            context.Args.Add(command);
            context.Args.Add("--pool");
            context.Args.Add(gateway);
            context.Args.Add("--cluster-id");
            context.Args.Add(clusterId);
            foreach (var argument in arguments)
            {
                context.Args.Add(argument);
            }
        })
        .WithEnvironment(async context => context.EnvironmentVariables["PONAS_MINER_CREDENTIAL"] = await credentials.Of(minerId).WaitAsync(context.CancellationToken))
        .WithParentRelationship(silo)
        .WaitFor(silo);
}

// Mining agents are healthy once calibrated; the weak ones start after the strong ones are (CalibrationCheck says why).
var strongAgents = new List<IResourceBuilder<ProjectResource>>();
foreach (var (minerId, factor) in agents.Miners())
{
    var agent = AddAgent(minerId, "mine", agents.MineArguments(minerId, factor));
    builder.Services.AddHealthChecks().AddCheck($"{minerId}-calibrated", new CalibrationCheck(() => new Uri(silo.GetEndpoint("http").Url), minerId));
    agent.WithHealthCheck($"{minerId}-calibrated");
    if (factor < 1)
    {
        strongAgents.ForEach(strong => agent.WaitFor(strong));
    }
    else
    {
        strongAgents.Add(agent);
    }
}

foreach (var minerId in agents.ValidatorIds())
{
    AddAgent(minerId, "validate", agents.ValidateArguments(minerId));
}

builder.Build().Run();
