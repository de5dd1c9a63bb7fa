namespace PoNasOrleans.LocalPool;

/// <summary>
/// Where the silo and the agent were built: each runs from its own project's output folder (with its own
/// dependencies; the agent's TorchSharp and the silo's ASP.NET framework do not mix in one folder), in the same
/// configuration and target framework as the caller.
/// </summary>
public static class Builds
{
    /// <summary>The silo's entry assembly.</summary>
    public static string Silo => Output("Silo", "PoNasOrleans.Silo.dll");

    /// <summary>The agent's entry assembly.</summary>
    public static string Agent => Output("MinerAgent", "ponas.dll");

    private static string Output(string project, string assembly)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(Azurite.RepositoryRoot(), "src", project, "bin", here.Parent!.Name, here.Name, assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assembly} is not built: build the solution (dotnet build -c {here.Parent.Name})", path);
    }
}
