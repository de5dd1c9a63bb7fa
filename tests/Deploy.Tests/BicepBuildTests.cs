using System.Text.Json.Nodes;

namespace PoNasOrleans.Deploy.Tests;

[Collection(SharedCompilation.Name)]
public sealed class BicepBuildTests(CompiledDeployment compiled)
{
    [Fact]
    public void Main_template_compiles_without_a_single_diagnostic()
    {
        Assert.Equal(0, compiled.Build.ExitCode);
        Assert.True(compiled.Build.Diagnostics.Count == 0, "bicep build main.bicep reported:\n" + string.Join('\n', compiled.Build.Diagnostics));
        Assert.Equal("2019-04-01", ((string)compiled.Main.Template["$schema"]!).Split('/')[^2]);
    }

    [Fact]
    public void Linter_runs_every_rule_at_warning_level()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.Folder, "bicepconfig.json")))!;
        var core = config["analyzers"]!["core"]!;
        Assert.True(core["enabled"]!.GetValue<bool>());
        var rules = core["rules"]!.AsObject();
        Assert.True(rules.Count >= 50, $"only {rules.Count} rules configured");
        Assert.All(rules, rule => Assert.Equal("warning", (string?)rule.Value!["level"]));
        foreach (var rule in new[] { "no-unused-params", "no-hardcoded-env-urls", "use-recent-api-versions", "use-secure-value-for-secure-inputs", "outputs-should-not-contain-secrets", "use-description-params", "what-if-short-circuiting" })
        {
            Assert.True(rules.ContainsKey(rule), $"{rule} is not configured");
        }
    }

    [Fact]
    public void The_linter_configuration_catches_violations()
    {
        Assert.Equal(0, compiled.BuildWithViolations.ExitCode);
        AssertReported(compiled.BuildWithViolations, "Warning no-unused-params", "Warning no-hardcoded-env-urls", "Warning use-recent-api-versions");
    }

    [Fact]
    public void Parameters_file_compiles_with_its_secrets_from_the_environment()
    {
        Assert.True(compiled.BuildParameters.Diagnostics.Count == 0, "bicep build-params main.bicepparam reported:\n" + string.Join('\n', compiled.BuildParameters.Diagnostics));
        var values = compiled.ParameterValues;
        Assert.Equal(CompiledDeployment.OperatorKey, (string?)values["operatorKey"]!["value"]);
        Assert.Equal(CompiledDeployment.SshPublicKey, (string?)values["minerSshPublicKey"]!["value"]);
        Assert.Equal("Delete", (string?)values["spotEvictionPolicy"]!["value"]);
        Assert.Equal("-1", (string?)values["spotMaxPrice"]!["value"]);
        Assert.Equal("Standard_NC4as_T4_v3", (string?)values["minerVmSize"]!["value"]);
        foreach (var (name, _) in values)
        {
            Assert.NotNull(compiled.Main.Parameter(name));
        }

        // every required parameter of the template has a value in the file
        var required = compiled.Main.Template["parameters"]!.AsObject().Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(values.ContainsKey(name), $"{name} has no value in main.bicepparam"));
    }

    [Fact]
    public void Parameters_file_refuses_to_compile_without_the_operator_key_and_ssh_key()
    {
        Assert.NotEqual(0, compiled.BuildParametersWithoutSecrets.ExitCode);
        AssertReported(compiled.BuildParametersWithoutSecrets, "\"PONAS_OPERATOR_KEY\" does not exist", "\"PONAS_SSH_PUBLIC_KEY\" does not exist");
    }

    [Fact]
    public void Operator_key_is_a_secure_parameter_of_at_least_16_characters()
    {
        var key = compiled.Main.Parameter("operatorKey");
        Assert.Equal("securestring", (string?)key["type"]);
        Assert.Equal(16, key["minLength"]!.GetValue<int>());
        Assert.Null(key["defaultValue"]);
    }

    [Fact]
    public void Outputs_name_the_gateway_the_api_the_identity_the_storage_account_app_insights_and_the_workbook()
    {
        var outputs = compiled.Main.Template["outputs"]!.AsObject();
        foreach (var name in new[] { "gatewayEndpoint", "apiUrl", "siloIdentityClientId", "minerIdentityClientId", "storageAccountName", "keyVaultName", "appInsightsName", "appInsightsId", "workbookId" })
        {
            Assert.True(outputs.ContainsKey(name), $"no output {name}");
        }

        Assert.Equal("[format('{0}:{1}', reference('silo').outputs.fqdn.value, parameters('gatewayPort'))]", (string?)outputs["gatewayEndpoint"]!["value"]);
        Assert.Equal(30000, compiled.Main.Parameter("gatewayPort")["defaultValue"]!.GetValue<int>());
        Assert.Equal("[format('https://{0}', reference('silo').outputs.fqdn.value)]", (string?)outputs["apiUrl"]!["value"]);
        Assert.Equal("[reference('siloIdentity').outputs.clientId.value]", (string?)outputs["siloIdentityClientId"]!["value"]);
        Assert.Equal("[reference('workbook').outputs.id.value]", (string?)outputs["workbookId"]!["value"]);
        Assert.Equal(compiled.Main.Module("storage").Passed("accountName")!.ToJsonString(), outputs["storageAccountName"]!["value"]!.ToJsonString());
        Assert.DoesNotContain(outputs, o => o.Value!.ToJsonString().Contains("ConnectionString", StringComparison.OrdinalIgnoreCase));
    }

    private static void AssertReported(BicepRun run, params string[] fragments) =>
        Assert.All(fragments, fragment => Assert.Contains(run.Diagnostics, d => d.Contains(fragment, StringComparison.Ordinal)));
}
