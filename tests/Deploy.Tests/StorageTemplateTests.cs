using System.Text.RegularExpressions;

namespace PoNasOrleans.Deploy.Tests;

[Collection(SharedCompilation.Name)]
public sealed partial class StorageTemplateTests(CompiledDeployment compiled)
{
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string BlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public void Storage_account_refuses_shared_keys_anonymous_blobs_and_old_tls()
    {
        var account = compiled.Main.Single("Microsoft.Storage/storageAccounts");
        Assert.False(account.Get("properties.allowSharedKeyAccess")!.GetValue<bool>());
        Assert.False(account.Get("properties.allowBlobPublicAccess")!.GetValue<bool>());
        Assert.True(account.Get("properties.supportsHttpsTrafficOnly")!.GetValue<bool>());
        Assert.True(account.Get("properties.defaultToOAuthAuthentication")!.GetValue<bool>());
        Assert.Equal("TLS1_2", account.Text("properties.minimumTlsVersion"));
        Assert.Equal("StorageV2", account.Text("kind"));
        Assert.Equal("storageSku", account.Deployment.RootParameterOf(account.Get("sku.name")));
        Assert.All(
            compiled.Main.AllResources.Where(r => r.Type == "Microsoft.Storage/storageAccounts/blobServices/containers"),
            container => Assert.Equal("None", container.Text("properties.publicAccess")));
    }

    [Fact]
    public void Storage_has_the_tables_of_orleans_and_of_the_pool()
    {
        var tables = Looped(compiled.Main.Single("Microsoft.Storage/storageAccounts/tableServices/tables"));
        // Orleans 10's Azure Table defaults: clustering, grain storage, reminders (src/Silo/Program.cs configures no other names)
        string[] orleans = ["OrleansSiloInstances", "OrleansGrainState", "OrleansReminders"];
        var pool = SourceConstants("src/Grains/Storage", TableName());
        Assert.Equal(3, pool.Count);
        Assert.Equal(orleans.Concat(pool).Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Storage_has_the_containers_of_the_pool_the_agent_and_the_miner_slots()
    {
        var containers = Looped(compiled.Main.AllResources.Single(r => r.Type == "Microsoft.Storage/storageAccounts/blobServices/containers" && r.Json["copy"] is not null));
        var pool = SourceConstants("src/Grains/Storage/BlobNames.cs", ContainerName());
        Assert.Equal(["chain", "checkpoints", "models"], pool.Order(StringComparer.Ordinal));
        Assert.Equal(pool.Append("agent").Append("miner-slots").Order(StringComparer.Ordinal), containers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Silo_identity_is_table_and_blob_data_contributor_on_the_account()
    {
        var storage = compiled.Main.Module("storage");
        var account = storage.Resources.Single(r => r.Type == "Microsoft.Storage/storageAccounts");
        Assert.Equal("[parameters('accountName')]", account.Text("name"));
        var assignments = RoleAssignments(storage).Where(a => Principal(a) == "siloIdentityName").ToList();

        Assert.Equal(new[] { BlobDataContributor, TableDataContributor }.Order(StringComparer.Ordinal), assignments.Select(RoleGuid).Order(StringComparer.Ordinal));
        Assert.All(assignments, a => Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('accountName'))]", a.Text("scope")));
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", a.Text("properties.principalType")));

        // the identity the role goes to is the one the identity module creates and the container app runs with
        var siloIdentityName = compiled.Main.Module("siloIdentity").Passed("name")!.ToJsonString();
        Assert.Equal(siloIdentityName, storage.Passed("siloIdentityName")!.ToJsonString());
        Assert.Equal(siloIdentityName, compiled.Main.Module("silo").Passed("identityName")!.ToJsonString());
    }

    [Fact]
    public void Miner_identity_only_reads_the_agent_leases_miner_slots_and_reads_secrets()
    {
        var storage = compiled.Main.Module("storage");
        var minerAssignments = RoleAssignments(storage).Where(a => Principal(a) == "minerIdentityName").ToList();
        Assert.Equal(2, minerAssignments.Count);
        var reader = minerAssignments.Single(a => RoleGuid(a) == BlobDataReader);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('accountName'), 'default', parameters('agentContainerName'))]", reader.Text("scope"));
        Assert.Equal("agent", (string?)storage.ParameterValue("agentContainerName"));
        var leaser = minerAssignments.Single(a => RoleGuid(a) == BlobDataContributor);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('accountName'), 'default', parameters('minerSlotContainerName'))]", leaser.Text("scope"));

        var vault = compiled.Main.Module("vault");
        var secretsUser = RoleAssignments(vault).Single(a => Principal(a) == "minerIdentityName");
        Assert.Equal(KeyVaultSecretsUser, RoleGuid(secretsUser));
        Assert.Equal("[resourceId('Microsoft.KeyVault/vaults', parameters('name'))]", secretsUser.Text("scope"));
        Assert.True(vault.Single("Microsoft.KeyVault/vaults").Get("properties.enableRbacAuthorization")!.GetValue<bool>());
    }

    [Fact]
    public void Operator_roles_are_assigned_only_when_an_operator_is_named()
    {
        var operatorAssignments = compiled.Main.AllResources
            .Where(r => r.Type == "Microsoft.Authorization/roleAssignments" && r.Text("properties.principalId") == "[parameters('operatorPrincipalId')]")
            .ToList();
        Assert.Equal(2, operatorAssignments.Count);
        Assert.All(operatorAssignments, a => Assert.Equal("[not(empty(parameters('operatorPrincipalId')))]", a.Text("condition")));
        Assert.All(operatorAssignments, a => Assert.Equal("operatorPrincipalId", a.Deployment.RootParameterOf(a.Get("properties.principalId"))));
        Assert.Equal("", (string?)compiled.Main.Parameter("operatorPrincipalId")["defaultValue"]);
    }

    /// <summary>The names a looped child resource creates: its name's variables('x')[copyIndex()] resolved.</summary>
    private static List<string> Looped(ArmResource resource)
    {
        var match = CopiedName().Match(resource.Text("name")!);
        Assert.True(match.Success, $"{resource.Text("name")} is not a looped name");
        Assert.Equal($"[length(variables('{match.Groups[1].Value}'))]", resource.Text("copy.count"));
        return resource.Deployment.Variable(match.Groups[1].Value)!.AsArray().Select(n => (string)resource.Deployment.Resolve(n)!).ToList();
    }

    /// <summary>The string constants of the C# sources at a path (a file or a folder) that a pattern matches.</summary>
    private static List<string> SourceConstants(string path, Regex pattern)
    {
        var full = Path.Combine(BicepCli.RepositoryRoot, path);
        var files = Directory.Exists(full) ? Directory.GetFiles(full, "*.cs") : [full];
        return files.SelectMany(f => pattern.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToList();
    }

    private static IEnumerable<ArmResource> RoleAssignments(ArmDeployment deployment) =>
        deployment.Resources.Where(r => r.Type == "Microsoft.Authorization/roleAssignments");

    /// <summary>The module parameter naming the identity a role assignment's principal is (reference('symbol').principalId of an existing identity).</summary>
    private static string? Principal(ArmResource assignment)
    {
        var match = PrincipalReference().Match(assignment.Text("properties.principalId") ?? "");
        if (!match.Success)
        {
            return null;
        }

        var identity = assignment.Deployment.Declaration(match.Groups[1].Value);
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", identity.Type);
        return ParameterName().Match(identity.Text("name")!).Groups[1].Value;
    }

    private static string RoleGuid(ArmResource assignment)
    {
        var expanded = assignment.Deployment.Expand(assignment.Text("properties.roleDefinitionId")!);
        var match = RoleDefinition().Match(expanded);
        Assert.True(match.Success, $"{expanded} is not a built-in role definition id");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"variables\('(\w+)'\)\[copyIndex\(\)\]")]
    private static partial Regex CopiedName();

    [GeneratedRegex(@"public const string Name = ""(\w+)"";")]
    private static partial Regex TableName();

    [GeneratedRegex(@"public const string \w+ = ""([a-z0-9-]+)"";")]
    private static partial Regex ContainerName();

    [GeneratedRegex(@"^\[reference\('(\w+)'\)\.principalId\]$")]
    private static partial Regex PrincipalReference();

    [GeneratedRegex(@"^\[parameters\('(\w+)'\)\]$")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '([0-9a-f-]{36})'\)\]$")]
    private static partial Regex RoleDefinition();
}
