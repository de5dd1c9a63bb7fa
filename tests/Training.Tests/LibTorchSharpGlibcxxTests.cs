using System.Diagnostics;
using System.Reflection;
using System.Runtime.Versioning;
using PoNasOrleans.Build;

namespace PoNasOrleans.Training.Tests;

/// <summary>
/// The build-time fix of libLibTorchSharp.so (src/Training/build): the output copy is fixed, the package cache is
/// not, and the ELF edit is exact, idempotent and safe for hard links.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LibTorchSharpGlibcxxTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("glibcxx-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_output_copy_is_weak_exactly_when_this_machine_lacks_the_version()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var need = Assert.Single(ElfVersionNeeds.ReadNeeds(copy), n => n.Version == ElfVersionNeeds.GlibcxxVersion);
        Assert.Equal("libstdc++.so.6", need.Library);
        var expected = ElfVersionNeeds.IsMarkNeeded(ElfVersionNeeds.FindSystemLibStdCxx(), ElfVersionNeeds.GlibcxxVersion);
        Assert.Equal(expected, need.IsWeak);
    }

    [Fact]
    public void The_package_cache_keeps_the_library_as_shipped()
    {
        foreach (var library in CachedLibraries())
        {
            var need = Assert.Single(ElfVersionNeeds.ReadNeeds(library), n => n.Version == ElfVersionNeeds.GlibcxxVersion);
            Assert.False(need.IsWeak, $"{library} was edited");
        }
    }

    [Fact]
    public void Marking_changes_only_the_flags_and_keeps_time_and_permissions()
    {
        var original = CachedLibraries().First();
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(original, copy);
        var time = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(copy, time);
        var mode = File.GetUnixFileMode(copy);

        Assert.Equal(WeakMarkResult.Marked, ElfVersionNeeds.MarkWeak(copy, ElfVersionNeeds.GlibcxxVersion));

        var before = File.ReadAllBytes(original);
        var after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        var need = Assert.Single(ElfVersionNeeds.ReadNeeds(copy), n => n.Version == ElfVersionNeeds.GlibcxxVersion);
        Assert.Equal([(int)need.FlagsOffset], changed);
        Assert.True(need.IsWeak);
        Assert.All(ElfVersionNeeds.ReadNeeds(copy).Where(n => n.Version != ElfVersionNeeds.GlibcxxVersion), n => Assert.False(n.IsWeak));
        Assert.Equal(time, File.GetLastWriteTimeUtc(copy));
        Assert.Equal(mode, File.GetUnixFileMode(copy));
    }

    [Fact]
    public void Marking_twice_is_a_no_op()
    {
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(CachedLibraries().First(), copy);
        Assert.Equal(WeakMarkResult.Marked, ElfVersionNeeds.MarkWeak(copy, ElfVersionNeeds.GlibcxxVersion));
        var once = File.ReadAllBytes(copy);
        var written = File.GetLastWriteTimeUtc(copy);

        Assert.Equal(WeakMarkResult.AlreadyWeak, ElfVersionNeeds.MarkWeak(copy, ElfVersionNeeds.GlibcxxVersion));
        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Equal(written, File.GetLastWriteTimeUtc(copy));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void A_hard_link_into_another_file_is_not_written_through()
    {
        var cacheStandIn = Path.Combine(folder, "cache.so");
        var output = Path.Combine(folder, "output.so");
        File.Copy(CachedLibraries().First(), cacheStandIn);
        using (var link = Process.Start("ln", [cacheStandIn, output]))
        {
            link.WaitForExit();
            Assert.Equal(0, link.ExitCode);
        }

        Assert.Equal(WeakMarkResult.Marked, ElfVersionNeeds.MarkWeak(output, ElfVersionNeeds.GlibcxxVersion));
        Assert.True(ElfVersionNeeds.ReadNeeds(output).Single(n => n.Version == ElfVersionNeeds.GlibcxxVersion).IsWeak);
        Assert.False(ElfVersionNeeds.ReadNeeds(cacheStandIn).Single(n => n.Version == ElfVersionNeeds.GlibcxxVersion).IsWeak);
    }

    [Fact]
    public void A_library_without_the_need_is_left_alone()
    {
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(CachedLibraries().First(), copy);
        var before = File.ReadAllBytes(copy);
        Assert.Equal(WeakMarkResult.NotNeeded, ElfVersionNeeds.MarkWeak(copy, "GLIBCXX_9.9.99"));
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused()
    {
        var path = Path.Combine(folder, "not-elf.so");
        File.WriteAllText(path, "just text, long enough to look at the first sixty-four bytes of it for a header...");
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(path, ElfVersionNeeds.GlibcxxVersion));
    }

    [Fact]
    public void No_mark_is_needed_where_libstdcxx_defines_the_version()
    {
        var newer = Path.Combine(folder, "libstdc++-gcc13.so.6");
        File.WriteAllBytes(newer, SyntheticElf.DefiningVersions("libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.31", "GLIBCXX_3.4.32"));
        var older = Path.Combine(folder, "libstdc++-gcc12.so.6");
        File.WriteAllBytes(older, SyntheticElf.DefiningVersions("libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30"));

        Assert.True(ElfVersionNeeds.DefinesVersion(newer, ElfVersionNeeds.GlibcxxVersion));
        Assert.False(ElfVersionNeeds.IsMarkNeeded(newer, ElfVersionNeeds.GlibcxxVersion));
        Assert.True(ElfVersionNeeds.IsMarkNeeded(older, ElfVersionNeeds.GlibcxxVersion));
        Assert.True(ElfVersionNeeds.IsMarkNeeded(null, ElfVersionNeeds.GlibcxxVersion));
        Assert.True(ElfVersionNeeds.IsMarkNeeded(Path.Combine(folder, "missing.so"), ElfVersionNeeds.GlibcxxVersion));
    }

    [Fact]
    public void The_system_libstdcxx_is_found_and_read()
    {
        var system = ElfVersionNeeds.FindSystemLibStdCxx();
        Assert.NotNull(system);
        Assert.True(ElfVersionNeeds.DefinesVersion(system, "GLIBCXX_3.4"));
        Assert.False(ElfVersionNeeds.DefinesVersion(system, "GLIBCXX_9.9.99"));
    }

    private static List<string> CachedLibraries()
    {
        var root = typeof(LibTorchSharpGlibcxxTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value;
        Assert.False(string.IsNullOrEmpty(root), "the test project records the NuGet package root at build time");
        var libraries = Directory.GetFiles(Path.Combine(root, "torchsharp"), "libLibTorchSharp.so", SearchOption.AllDirectories)
            .Where(p => p.Contains("linux-x64", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(libraries);
        return libraries;
    }
}
