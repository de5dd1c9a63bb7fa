using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PoNasOrleans.Deploy.Tests;

[Collection(SharedCompilation.Name)]
public sealed partial class SiloTemplateTests(CompiledDeployment compiled)
{
    private ArmResource App => compiled.Main.Single("Microsoft.App/containerApps");

    private ArmDeployment Silo => compiled.Main.Module("silo");

    [Fact]
    public void Container_app_runs_as_the_silo_identity()
    {
        Assert.Equal("UserAssigned", App.Text("identity.type"));
        var identities = App.Get("identity.userAssignedIdentities")!.AsObject();
        Assert.Equal(["[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')))]"], identities.Select(i => i.Key));
        Assert.Equal(compiled.Main.Module("siloIdentity").Passed("name")!.ToJsonString(), Silo.Passed("identityName")!.ToJsonString());
        Assert.Contains("createObject('name', 'AZURE_CLIENT_ID', 'value', reference('identity').clientId)", Environment(), StringComparison.Ordinal);
        Assert.Equal("[parameters('identityName')]", Silo.Declaration("identity").Text("name"));
    }

    [Fact]
    public void Ingress_serves_the_api_over_http_and_the_orleans_gateway_over_tcp()
    {
        var ingress = App.Get("properties.configuration.ingress")!;
        Assert.True(ingress["external"]!.GetValue<bool>());
        Assert.Equal("http", (string?)ingress["transport"]);
        Assert.False(ingress["allowInsecure"]!.GetValue<bool>());
        Assert.Equal(8080, App.Resolved("properties.configuration.ingress.targetPort")!.GetValue<int>());

        var gateway = Assert.Single(ingress["additionalPortMappings"]!.AsArray())!;
        Assert.True(gateway["external"]!.GetValue<bool>());
        Assert.Equal(30000, Silo.Resolve(gateway["targetPort"])!.GetValue<int>());
        Assert.Equal(30000, Silo.Resolve(gateway["exposedPort"])!.GetValue<int>());
        Assert.Equal("gatewayPort", Silo.RootParameterOf(gateway["exposedPort"]));
        Assert.Contains("createObject('name', 'PONAS__CLUSTER__GATEWAYPORT', 'value', string(parameters('gatewayPort')))", Environment(), StringComparison.Ordinal);
    }

    [Fact]
    public void Silo_settings_reach_storage_through_service_uris_and_telemetry_through_the_connection_string()
    {
        var environment = Environment();
        foreach (var expected in new[]
        {
            "createObject('name', 'PONAS__STORAGE__TABLESERVICEURI', 'value', parameters('tableEndpoint'))",
            "createObject('name', 'PONAS__STORAGE__BLOBSERVICEURI', 'value', parameters('blobEndpoint'))",
            "createObject('name', 'PONAS__CLUSTER__CLUSTERID', 'value', parameters('clusterId'))",
            "createObject('name', 'PONAS__CLUSTER__SERVICEID', 'value', parameters('serviceId'))",
            "createObject('name', 'PONAS__CLUSTER__SILOPORT', 'value', string(parameters('siloPort')))",
            "createObject('name', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'value', reference('appInsights').ConnectionString)",
            "createObject('name', 'ASPNETCORE_HTTP_PORTS', 'value', string(parameters('httpPort')))",
        })
        {
            Assert.Contains(expected, environment, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("CONNECTIONSTRING'", environment, StringComparison.Ordinal);
        Assert.Equal("[reference('storage').outputs.tableEndpoint.value]", Silo.Passed("tableEndpoint")!.ToString());
        Assert.Equal("[reference('storage').outputs.blobEndpoint.value]", Silo.Passed("blobEndpoint")!.ToString());
        var storage = compiled.Main.Module("storage");
        Assert.Equal("[reference('account').primaryEndpoints.table]", (string?)storage.Template["outputs"]!["tableEndpoint"]!["value"]);
        Assert.Equal("[reference('account').primaryEndpoints.blob]", (string?)storage.Template["outputs"]!["blobEndpoint"]!["value"]);
        Assert.Equal(compiled.Main.Module("monitoring").Passed("appInsightsName")!.ToJsonString(), Silo.Passed("appInsightsName")!.ToJsonString());
    }

    [Fact]
    public void Operator_key_is_a_container_apps_secret_from_the_secure_parameter()
    {
        var secret = Assert.Single(App.Get("properties.configuration.secrets")!.AsArray())!;
        Assert.Equal("operator-key", (string?)secret["name"]);
        Assert.Equal("[parameters('operatorKey')]", (string?)secret["value"]);
        Assert.Equal("securestring", (string?)Silo.Parameter("operatorKey")["type"]);
        Assert.Equal("operatorKey", Silo.RootParameterOf(secret["value"]));
        Assert.Contains("createObject('name', 'PONAS__POOL__OPERATORKEY', 'secretRef', 'operator-key')", Environment(), StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_and_environment_come_from_parameters_and_logs_go_to_log_analytics()
    {
        Assert.Equal("siloMinReplicas", Silo.RootParameterOf(App.Get("properties.template.scale.minReplicas")));
        Assert.Equal(1, App.Resolved("properties.template.scale.minReplicas")!.GetValue<int>());
        Assert.Equal("[max(parameters('siloMinReplicas'), parameters('siloMaxReplicas'))]", Silo.Passed("maxReplicas")!.ToString());
        Assert.True(Silo.Parameter("minReplicas")["minValue"]!.GetValue<int>() >= 1);

        var environment = compiled.Main.Single("Microsoft.App/managedEnvironments");
        Assert.Equal("log-analytics", environment.Text("properties.appLogsConfiguration.destination"));
        Assert.Equal("[reference('workspace').customerId]", environment.Text("properties.appLogsConfiguration.logAnalyticsConfiguration.customerId"));
        Assert.False(environment.Get("properties.vnetConfiguration.internal")!.GetValue<bool>());
        Assert.Equal("[resourceId('Microsoft.App/managedEnvironments', parameters('environmentName'))]", App.Text("properties.environmentId"));
        Assert.Contains(App.Get("properties.template.containers")![0]!["probes"]!.AsArray(), p => (string?)p!["httpGet"]?["path"] == "/health");
    }

    [Fact]
    public async Task Start_script_advertises_the_replicas_first_ipv4_address()
    {
        var container = App.Get("properties.template.containers")![0]!;
        Assert.Equal(["/bin/sh", "-c"], container["command"]!.AsArray().Select(a => (string)a!));
        var script = Script((string)Silo.Resolve(container["args"]![0])!);

        // a fake hostname answers like a replica with an IPv6 and an IPv4 address; env stands in for the silo
        var folder = Directory.CreateTempSubdirectory("ponas-start-");
        try
        {
            var hostname = Path.Combine(folder.FullName, "hostname");
            await File.WriteAllTextAsync(hostname, "#!/bin/sh\necho 'fd00::17 10.42.3.7 10.42.3.8'\n");
            File.SetUnixFileMode(hostname, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var output = await RunShell(script.Replace("/app/PoNasOrleans.Silo", "env", StringComparison.Ordinal), folder.FullName);
            Assert.Contains("PONAS__CLUSTER__ADVERTISEDADDRESS=10.42.3.7\n", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The container's environment variables: one expression (the fixed settings plus the extra ones).</summary>
    private string Environment() => (string)App.Get("properties.template.containers")![0]!["env"]!;

    /// <summary>The start script: format('…', parameters('entrypoint')) with the template's default entry point.</summary>
    private string Script(string expression)
    {
        var match = FormatWithEntrypoint().Match(expression);
        Assert.True(match.Success, $"unexpected start script expression {expression}");
        var entrypoint = (string)Silo.ParameterValue("entrypoint")!;
        Assert.Equal("/app/PoNasOrleans.Silo", entrypoint);
        return match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)
            .Replace("{0}", entrypoint, StringComparison.Ordinal)
            .Replace("{{", "{", StringComparison.Ordinal)
            .Replace("}}", "}", StringComparison.Ordinal);
    }

    private static async Task<string> RunShell(string script, string path)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["PATH"] = path + ":" + System.Environment.GetEnvironmentVariable("PATH");
        start.Environment.Remove("PONAS__CLUSTER__ADVERTISEDADDRESS");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"the start script failed ({process.ExitCode}): {errors}");
        return output;
    }

    [GeneratedRegex(@"^\[format\('((?:[^']|'')*)', parameters\('entrypoint'\)\)\]$")]
    private static partial Regex FormatWithEntrypoint();
}
