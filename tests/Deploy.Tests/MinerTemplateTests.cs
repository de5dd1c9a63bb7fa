using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PoNasOrleans.Deploy.Tests;

[Collection(SharedCompilation.Name)]
public sealed partial class MinerTemplateTests(CompiledDeployment compiled)
{
    private ArmResource ScaleSet => compiled.Main.Single("Microsoft.Compute/virtualMachineScaleSets");

    [Fact]
    public void Scale_set_runs_spot_vms_with_eviction_policy_and_max_price_from_parameters()
    {
        Assert.Equal("Spot", ScaleSet.Text("properties.virtualMachineProfile.priority"));

        var eviction = ScaleSet.Get("properties.virtualMachineProfile.evictionPolicy");
        Assert.Equal("spotEvictionPolicy", ScaleSet.Deployment.RootParameterOf(eviction));
        Assert.Equal("Delete", (string?)ScaleSet.Deployment.Resolve(eviction));
        Assert.Equal(["Delete", "Deallocate"], compiled.Main.Parameter("spotEvictionPolicy")["allowedValues"]!.AsArray().Select(v => (string)v!));

        Assert.Equal("[json(parameters('maxPrice'))]", ScaleSet.Text("properties.virtualMachineProfile.billingProfile.maxPrice"));
        Assert.Equal("spotMaxPrice", ScaleSet.Deployment.RootParameterOf("[parameters('maxPrice')]"));
        Assert.Equal("-1", (string?)compiled.Main.Parameter("spotMaxPrice")["defaultValue"]);

        Assert.Equal("minerVmSize", ScaleSet.Deployment.RootParameterOf(ScaleSet.Get("sku.name")));
        Assert.Equal("Standard_NC4as_T4_v3", (string?)ScaleSet.Resolved("sku.name"));
        Assert.Equal("minerCapacity", ScaleSet.Deployment.RootParameterOf(ScaleSet.Get("sku.capacity")));

        // the parameters file's values reach the scale set too
        var withFile = compiled.MainWithParametersFile.Single("Microsoft.Compute/virtualMachineScaleSets");
        Assert.Equal("Delete", (string?)withFile.Resolved("properties.virtualMachineProfile.evictionPolicy"));
        Assert.Equal("-1", (string?)withFile.Deployment.Resolve("[parameters('maxPrice')]"));
        Assert.True(ScaleSet.Get("properties.virtualMachineProfile.scheduledEventsProfile.terminateNotificationProfile.enable")!.GetValue<bool>());
    }

    [Fact]
    public void Scale_set_runs_ubuntu_with_ssh_keys_only_as_the_miner_identity()
    {
        var os = ScaleSet.Get("properties.virtualMachineProfile.osProfile")!;
        Assert.True(os["linuxConfiguration"]!["disablePasswordAuthentication"]!.GetValue<bool>());
        Assert.Null(os["adminPassword"]);
        var key = Assert.Single(os["linuxConfiguration"]!["ssh"]!["publicKeys"]!.AsArray())!;
        Assert.Equal("minerSshPublicKey", ScaleSet.Deployment.RootParameterOf(key["keyData"]));
        Assert.Equal(CompiledDeployment.SshPublicKey, (string?)compiled.MainWithParametersFile.Single("Microsoft.Compute/virtualMachineScaleSets").Deployment.Resolve(key["keyData"]));

        var image = ScaleSet.Get("properties.virtualMachineProfile.storageProfile.imageReference")!;
        Assert.Equal("Canonical", (string?)image["publisher"]);
        Assert.StartsWith("ubuntu-", (string?)image["offer"], StringComparison.Ordinal);

        Assert.Equal("UserAssigned", ScaleSet.Text("identity.type"));
        Assert.Equal(["[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')))]"], ScaleSet.Get("identity.userAssignedIdentities")!.AsObject().Select(i => i.Key));
        Assert.Equal(compiled.Main.Module("minerIdentity").Passed("name")!.ToJsonString(), ScaleSet.Deployment.Passed("identityName")!.ToJsonString());
        Assert.NotEqual(compiled.Main.Module("siloIdentity").Passed("name")!.ToJsonString(), ScaleSet.Deployment.Passed("identityName")!.ToJsonString());
    }

    [Fact]
    public void Custom_data_is_the_cloud_init_file_with_every_placeholder_filled()
    {
        var customData = ScaleSet.Text("properties.virtualMachineProfile.osProfile.customData")!;
        Assert.StartsWith("[base64(reduce(createArray(", customData, StringComparison.Ordinal);

        var loaded = Assert.Single(Regex.Matches(customData, @"variables\('(\$fxv#\d+)'\)"));
        var text = (string)ScaleSet.Deployment.Variable(loaded.Groups[1].Value)!;
        Assert.Equal(File.ReadAllText(CloudInit.Path), text);
        Assert.StartsWith("#cloud-config\n", text, StringComparison.Ordinal);

        var inFile = Placeholder().Matches(text).Select(m => m.Value).ToHashSet();
        var filled = Substitution().Matches(customData).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(filled.Count, filled.Distinct().Count());
        Assert.Equal(inFile.Order(StringComparer.Ordinal), filled.Order(StringComparer.Ordinal));

        Assert.Contains("createObject('name', '__POOL_GATEWAY__', 'value', parameters('poolGateway'))", customData, StringComparison.Ordinal);
        Assert.Contains("createObject('name', '__IDENTITY_CLIENT_ID__', 'value', reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2024-11-30').clientId)", customData, StringComparison.Ordinal);
        Assert.Equal("[format('{0}:{1}', reference('silo').outputs.fqdn.value, parameters('gatewayPort'))]", ScaleSet.Deployment.Passed("poolGateway")!.ToString());
        Assert.Equal("[reference('vault').outputs.uri.value]", ScaleSet.Deployment.Passed("vaultUri")!.ToString());
        Assert.Equal("agent", (string?)ScaleSet.Deployment.ParameterValue("agentContainerName"));
    }

    [Fact]
    public void Cloud_init_runs_ponas_mine_as_a_restarting_service_that_watches_scheduled_events()
    {
        var files = CloudInit.WrittenFiles();
        var unit = files["/etc/systemd/system/ponas-miner.service"];
        Assert.Contains("Restart=always\n", unit, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/local/bin/ponas-miner\n", unit, StringComparison.Ordinal);
        Assert.Contains("EnvironmentFile=/etc/ponas/miner.env\n", unit, StringComparison.Ordinal);

        var miner = files["/usr/local/bin/ponas-miner"];
        Assert.Contains("/opt/ponas/ponas mine --pool \"$PONAS_POOL\" --miner-id \"$slot\"", miner, StringComparison.Ordinal);
        Assert.Contains("--scheduled-events azure", miner, StringComparison.Ordinal);
        Assert.Contains("PONAS_MINER_CREDENTIAL=$credential", miner, StringComparison.Ordinal);
        Assert.DoesNotContain("--credential", miner, StringComparison.Ordinal);

        Assert.Contains("PONAS_POOL=__POOL_GATEWAY__\n", files["/etc/ponas/miner.env"], StringComparison.Ordinal);
        Assert.Contains("[systemctl, enable, ponas-miner.service]", File.ReadAllText(CloudInit.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_init_scripts_are_valid_bash()
    {
        var scripts = CloudInit.WrittenFiles().Where(f => f.Key.StartsWith("/usr/local/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, scripts.Count);
        foreach (var (path, script) in scripts)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-n");
            using var bash = Process.Start(start)!;
            await bash.StandardInput.WriteAsync(script);
            bash.StandardInput.Close();
            var errors = await bash.StandardError.ReadToEndAsync();
            await bash.WaitForExitAsync();
            Assert.True(bash.ExitCode == 0, $"{path}: {errors}");
        }
    }

    [GeneratedRegex(@"__[A-Z_]+__")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"createObject\('name', '(__[A-Z_]+__)', 'value', ")]
    private static partial Regex Substitution();

}
