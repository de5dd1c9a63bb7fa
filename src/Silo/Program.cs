using System.Net;
using System.Text.Json.Serialization;
using Orleans.Configuration;
using Orleans.Runtime;
using PoNasOrleans.Grains;
using PoNasOrleans.Grains.Chain;
using PoNasOrleans.Grains.Consensus;
using PoNasOrleans.Grains.Supervision;
using PoNasOrleans.Silo.Api;
using PoNasOrleans.Silo.Configuration;
using PoNasOrleans.Silo.Dashboard;
using PoNasOrleans.Telemetry;

// The pool manager host: one Orleans silo with Azure Table clustering, grain storage ("pool") and reminders,
// Azure Blob for models and checkpoints, a health endpoint, the JSON API and the dashboard; optionally the devnet chain (section "Devnet").
// Configuration errors stop it before it starts.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables(prefix: "PONAS__");
builder.Configuration.AddCommandLine(args);
var storageOptions = builder.Configuration.GetSection(PoolStorageOptions.Section).Get<PoolStorageOptions>() ?? new PoolStorageOptions();
var tlsOptions = builder.Configuration.GetSection(GatewayTlsOptions.Section).Get<GatewayTlsOptions>() ?? new GatewayTlsOptions();
var clusterOptions = builder.Configuration.GetSection(PoolClusterOptions.Section).Get<PoolClusterOptions>() ?? new PoolClusterOptions();
DevnetOptions devnetOptions;
ConsensusOptions consensusOptions;
SupervisorOptions supervisorOptions;
try
{
    devnetOptions = builder.Configuration.GetSection(DevnetOptions.Section).Get<DevnetOptions>() ?? new DevnetOptions();
    consensusOptions = builder.Configuration.GetSection(ConsensusOptions.Section).Get<ConsensusOptions>() ?? new ConsensusOptions();
    supervisorOptions = builder.Configuration.GetSection(SupervisorOptions.Section).Get<SupervisorOptions>() ?? new SupervisorOptions();
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(new ConfigurationException([$"{DevnetOptions.Section}, {ConsensusOptions.Section} or {SupervisorOptions.Section}: {e.Message}"]).Message);
    return 2;
}

TelemetryOptions telemetryOptions;
try
{
    telemetryOptions = (builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions()).WithStandardVariables(key => builder.Configuration[key]);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(new ConfigurationException([$"{TelemetryOptions.Section}: {e.Message}"]).Message);
    return 2;
}

var problems = telemetryOptions.Problems().Concat(storageOptions.Problems()).Concat(clusterOptions.Problems()).Concat(devnetOptions.Problems()).Concat(consensusOptions.Problems()).Concat(supervisorOptions.Problems()).Concat(tlsOptions.Problems()).ToList();
if (consensusOptions.Follow && !devnetOptions.Enabled)
{
    problems.Add($"{ConsensusOptions.Section}:Follow needs a chain: enable the devnet ({DevnetOptions.Section}:Enabled)");
}

if (problems.Count > 0)
{
    Console.Error.WriteLine(new ConfigurationException(problems).Message);
    return 2;
}

PoolStorage storage;
try
{
    storage = PoolStorage.From(storageOptions);
}
catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine(new ConfigurationException([$"{PoolStorageOptions.Section}:ConnectionString cannot be used: {e.Message}"]).Message);
    return 2;
}

builder.Services.Configure<PoolOptions>(builder.Configuration.GetSection(PoolOptions.Section));
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
builder.Services.AddSiloTelemetry(telemetryOptions, clusterOptions);
builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = ApiLimits.MaxRequestBytes);
builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(options =>
    {
        options.ClusterId = clusterOptions.ClusterId;
        options.ServiceId = clusterOptions.ServiceId;
    });
    silo.ConfigureEndpoints(IPAddress.Parse(clusterOptions.AdvertisedAddress), clusterOptions.SiloPort, clusterOptions.GatewayPort, listenOnAnyHostAddress: false);
    silo.UseAzureStorageClustering(options => options.TableServiceClient = storage.Tables);
    if (tlsOptions.Enabled)
    {
        var certificate = tlsOptions.Load();
        silo.UseTls(certificate, options => GatewayTlsOptions.Apply(options, certificate));
    }

    // failure detection: Orleans' ClusterMembershipOptions from Cluster:Membership (e.g. ProbeTimeout), Orleans' defaults where unset (docs/silo.md)
    silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{PoolClusterOptions.Section}:Membership"));
    silo.AddPool(storage.Tables, storage.Blobs, devnet: devnetOptions, consensus: consensusOptions, supervisor: supervisorOptions);
    silo.UseAzureTableReminderService(options => options.TableServiceClient = storage.Tables);
});

var operatorKey = builder.Configuration[$"{PoolOptions.Section}:OperatorKey"];
if (operatorKey is { Length: < OperatorKey.MinLength })
{
    Console.Error.WriteLine(new ConfigurationException([$"{PoolOptions.Section}:OperatorKey must have at least {OperatorKey.MinLength} characters (or be unset for a read-only API)"]).Message);
    return 2;
}

builder.Services.AddSingleton(new OperatorKey(string.IsNullOrEmpty(operatorKey) ? null : operatorKey));
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
var app = builder.Build();
app.UseDashboard();
app.MapGet("/health", (ISiloStatusOracle oracle) => oracle.CurrentStatus == SiloStatus.Active
    ? Results.Ok(new { status = "active", silo = oracle.SiloAddress.ToString() })
    : Results.Json(new { status = oracle.CurrentStatus.ToString().ToLowerInvariant() }, statusCode: StatusCodes.Status503ServiceUnavailable));
app.MapPoolApi();
app.MapChainApi();
app.MapLedgerApi();
app.MapSupervisorApi();
app.MapRefusalsApi();
await app.RunAsync();
return 0;
