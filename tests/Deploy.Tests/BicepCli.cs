using System.Diagnostics;
using System.Reflection;
using System.Runtime.Versioning;

// The Bicep CLI package these tests run is the Linux x64 build.
[assembly: SupportedOSPlatform("linux")]

namespace PoNasOrleans.Deploy.Tests;

/// <summary>
/// The Bicep CLI of the package Azure.Bicep.CommandLine.linux-x64, restored by this project (PackageDownload), run as a
/// process in deploy/bicep so that its bicepconfig.json applies.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The repository's root folder.</summary>
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>deploy/bicep.</summary>
    public static string Folder { get; } = Path.Combine(RepositoryRoot, "deploy", "bicep");

    /// <summary>The executable (made executable if the package left it without the bit).</summary>
    public static string Executable { get; } = Prepare(Metadata("BicepExecutable"));

    /// <summary>Runs the CLI; <paramref name="environment"/> adds variables, or removes those whose value is null.</summary>
    public static async Task<BicepRun> Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Folder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', start.ArgumentList)} did not finish within {Timeout}");
        }

        return new BicepRun(process.ExitCode, await output, await errors);
    }

    private static string Prepare(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the Bicep CLI is not at {path}: restore tests/Deploy.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64)", path);
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is empty");
}

/// <summary>What one run of the CLI gave: its exit code, standard output and standard error (its diagnostics).</summary>
internal sealed record BicepRun(int ExitCode, string Output, string Errors)
{
    /// <summary>The diagnostic lines (warnings, errors, infos) of standard error.</summary>
    public IReadOnlyList<string> Diagnostics { get; } =
        Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
