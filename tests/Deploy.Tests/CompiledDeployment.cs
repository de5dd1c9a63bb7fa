using System.Text.Json.Nodes;

namespace PoNasOrleans.Deploy.Tests;

/// <summary>
/// deploy/bicep compiled once for all tests, the CLI runs side by side: main.bicep to ARM JSON, main.bicepparam with
/// and without its secrets in the environment.
/// </summary>
public sealed class CompiledDeployment : IAsyncLifetime
{
    /// <summary>The operator key the parameters file is compiled with.</summary>
    public const string OperatorKey = "test-operator-key-0123456789";

    /// <summary>The SSH public key the parameters file is compiled with.</summary>
    public const string SshPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKeyOfTheDeployTests operator@example";

    /// <summary>The environment variables the parameters file reads.</summary>
    public static readonly IReadOnlyList<string> ParameterVariables =
        ["PONAS_OPERATOR_KEY", "PONAS_SSH_PUBLIC_KEY", "PONAS_SILO_IMAGE", "PONAS_REGISTRY", "PONAS_OPERATOR_ID"];

    internal BicepRun Build { get; private set; } = null!;

    internal BicepRun BuildParameters { get; private set; } = null!;

    internal BicepRun BuildParametersWithoutSecrets { get; private set; } = null!;

    /// <summary>The same linter configuration over a template that breaks three of its rules.</summary>
    internal BicepRun BuildWithViolations { get; private set; } = null!;

    /// <summary>main.bicep compiled, with its parameters' defaults.</summary>
    internal ArmDeployment Main { get; private set; } = null!;

    /// <summary>main.bicep compiled, with the values of main.bicepparam.</summary>
    internal ArmDeployment MainWithParametersFile { get; private set; } = null!;

    /// <summary>The "parameters" object of the compiled parameters file.</summary>
    internal JsonObject ParameterValues { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var withSecrets = ParameterVariables.ToDictionary(v => v, _ => (string?)null);
        withSecrets["PONAS_OPERATOR_KEY"] = OperatorKey;
        withSecrets["PONAS_SSH_PUBLIC_KEY"] = SshPublicKey;
        var withoutSecrets = ParameterVariables.ToDictionary(v => v, _ => (string?)null);

        var build = BicepCli.Run(["build", "main.bicep", "--stdout"]);
        var buildParameters = BicepCli.Run(["build-params", "main.bicepparam", "--stdout"], withSecrets);
        var buildWithoutSecrets = BicepCli.Run(["build-params", "main.bicepparam", "--stdout"], withoutSecrets);
        var buildWithViolations = BuildViolations();
        await Task.WhenAll(build, buildParameters, buildWithoutSecrets, buildWithViolations);

        Build = await build;
        BuildParameters = await buildParameters;
        BuildParametersWithoutSecrets = await buildWithoutSecrets;
        BuildWithViolations = await buildWithViolations;
        Assert.True(Build.ExitCode == 0, $"bicep build main.bicep failed:\n{Build.Errors}");
        Assert.True(BuildParameters.ExitCode == 0, $"bicep build-params main.bicepparam failed:\n{BuildParameters.Errors}");

        var parametersFile = JsonNode.Parse((string)JsonNode.Parse(BuildParameters.Output)!["parametersJson"]!)!;
        ParameterValues = parametersFile["parameters"]!.AsObject();
        Main = ArmDeployment.Parse(Build.Output);
        MainWithParametersFile = ArmDeployment.Parse(Build.Output, ParameterValues);
    }

    /// <inheritdoc/>
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Compiles, next to a copy of deploy/bicep/bicepconfig.json, a template with an unused parameter, a hard-coded storage host and an old API version.</summary>
    private static async Task<BicepRun> BuildViolations()
    {
        var folder = Directory.CreateTempSubdirectory("ponas-bicep-");
        try
        {
            File.Copy(Path.Combine(BicepCli.Folder, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "bad.bicep"), """
                @description('Never used.')
                param unused string

                @description('A hard-coded endpoint.')
                output endpoint string = 'https://example.blob.core.windows.net'

                resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2018-11-30' = {
                  name: 'x'
                  location: 'westeurope'
                }

                @description('Something old.')
                output id string = identity.id
                """);
            return await BicepCli.Run(["build", "bad.bicep", "--stdout"], workingDirectory: folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>The tests that share one compilation of deploy/bicep.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCompilation : ICollectionFixture<CompiledDeployment>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "compiled deployment";
}
