// Build-time code, not part of the Training assembly (Training.csproj removes build/** from Compile).
// MSBuild compiles this file with RoslynCodeTaskFactory (see LibTorchSharpGlibcxx.targets), and
// tests/Training.Tests compiles it again with GLIBCXX_PATCH_WITHOUT_TASK defined to test the ELF logic.
// It therefore keeps to the netstandard2.0 API that inline tasks see, and holds two types: the task and
// the ELF logic it runs.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
#if !GLIBCXX_PATCH_WITHOUT_TASK
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace PoNasOrleans.Build
{
#if !GLIBCXX_PATCH_WITHOUT_TASK
    /// <summary>
    /// Marks the <c>GLIBCXX_3.4.32</c> version need of copied <c>libLibTorchSharp.so</c> files as weak, so the
    /// library loads on a libstdc++ older than GCC 13 (Debian 12, Ubuntu 22.04). Mode: <c>auto</c> (only when the
    /// machine's libstdc++ lacks the version), <c>always</c>, or <c>never</c>.
    /// </summary>
    public sealed class MarkGlibcxxVersionNeedWeak : Task
    {
        /// <summary>The copies to edit (in a build or publish output, never in a package cache).</summary>
        [Required]
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>auto</c>, <c>always</c> or <c>never</c>.</summary>
        public string Mode { get; set; } = "auto";

        /// <summary>The NuGet package folder; a file under it is refused.</summary>
        public string PackageRoot { get; set; } = string.Empty;

        /// <inheritdoc />
        public override bool Execute()
        {
            var mode = (Mode ?? string.Empty).Trim().ToLowerInvariant();
            if (mode == "never" || mode == "false" || mode == "off")
            {
                return true;
            }

            if (mode != "auto" && mode != "always" && mode != "true")
            {
                Log.LogError("LibTorchSharpWeakGlibcxx must be auto, always or never, not '{0}'", Mode);
                return false;
            }

            if (mode == "auto")
            {
                var system = ElfVersionNeeds.FindSystemLibStdCxx();
                if (!ElfVersionNeeds.IsMarkNeeded(system, ElfVersionNeeds.GlibcxxVersion))
                {
                    Log.LogMessage(MessageImportance.Low, "{0} defines {1}: libLibTorchSharp.so left as it is", system, ElfVersionNeeds.GlibcxxVersion);
                    return true;
                }
            }

            var packageRoot = string.IsNullOrEmpty(PackageRoot) ? null : Path.GetFullPath(PackageRoot);
            foreach (var item in Files)
            {
                var path = item.GetMetadata("FullPath");
                if (packageRoot != null && path.StartsWith(packageRoot, StringComparison.Ordinal))
                {
                    Log.LogError("refusing to edit {0}: it lies in the package cache {1}", path, packageRoot);
                    return false;
                }

                if (!File.Exists(path))
                {
                    Log.LogMessage(MessageImportance.Low, "{0} does not exist; nothing to mark", path);
                    continue;
                }

                try
                {
                    var result = ElfVersionNeeds.MarkWeak(path, ElfVersionNeeds.GlibcxxVersion);
                    var importance = result == WeakMarkResult.Marked ? MessageImportance.Normal : MessageImportance.Low;
                    Log.LogMessage(importance, "{0}: {1} {2}", path, ElfVersionNeeds.GlibcxxVersion, Describe(result));
                }
                catch (IOException e)
                {
                    Log.LogError("cannot mark {0} in {1}: {2}", ElfVersionNeeds.GlibcxxVersion, path, e.Message);
                    return false;
                }
                catch (InvalidDataException e)
                {
                    Log.LogError("cannot mark {0} in {1}: {2}", ElfVersionNeeds.GlibcxxVersion, path, e.Message);
                    return false;
                }
            }

            return !Log.HasLoggedErrors;
        }

        private static string Describe(WeakMarkResult result)
        {
            switch (result)
            {
                case WeakMarkResult.Marked: return "version need marked weak";
                case WeakMarkResult.AlreadyWeak: return "version need already weak";
                default: return "not needed by this library";
            }
        }
    }
#endif

    /// <summary>What <see cref="ElfVersionNeeds.MarkWeak"/> did.</summary>
    public enum WeakMarkResult
    {
        /// <summary>The library does not need the version.</summary>
        NotNeeded,

        /// <summary>The need was already weak; the file was not written.</summary>
        AlreadyWeak,

        /// <summary>The need was made weak.</summary>
        Marked,
    }

    /// <summary>
    /// Reads and edits the symbol version needs (<c>.gnu.version_r</c>) and definitions (<c>.gnu.version_d</c>) of
    /// 64-bit little-endian ELF files.
    /// </summary>
    public static class ElfVersionNeeds
    {
        /// <summary>The version that libLibTorchSharp.so of TorchSharp 0.107 needs but Debian 12 lacks.</summary>
        public const string GlibcxxVersion = "GLIBCXX_3.4.32";

        /// <summary>VER_FLG_WEAK: a missing version is not an error for the dynamic loader.</summary>
        public const ushort WeakFlag = 0x2;

        private const uint VersionNeedSection = 0x6ffffffe; // SHT_GNU_verneed
        private const uint VersionDefinitionSection = 0x6ffffffd; // SHT_GNU_verdef

        private static readonly string[] LibStdCxxDirectories =
        {
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            "/usr/local/lib64", "/usr/local/lib",
        };

        /// <summary>
        /// Sets VER_FLG_WEAK on every need of <paramref name="versionName"/>. The file is rewritten through a
        /// temporary copy that replaces it (so a hard link into a package cache is never written through), keeping
        /// its permissions and last-write time; nothing is written when no flag changes.
        /// </summary>
        public static WeakMarkResult MarkWeak(string path, string versionName)
        {
            var bytes = File.ReadAllBytes(path);
            var offsets = new List<long>();
            var alreadyWeak = false;
            foreach (var need in ReadNeeds(bytes))
            {
                if (need.Version != versionName)
                {
                    continue;
                }

                if ((need.Flags & WeakFlag) != 0)
                {
                    alreadyWeak = true;
                }
                else
                {
                    offsets.Add(need.FlagsOffset);
                }
            }

            if (offsets.Count == 0)
            {
                return alreadyWeak ? WeakMarkResult.AlreadyWeak : WeakMarkResult.NotNeeded;
            }

            var lastWrite = File.GetLastWriteTimeUtc(path);
            var temporary = path + ".weak-" + Guid.NewGuid().ToString("N");
            try
            {
                File.Copy(path, temporary, true); // keeps the permissions of the original
                using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
                {
                    foreach (var offset in offsets)
                    {
                        var flags = (ushort)(ReadUInt16(bytes, offset) | WeakFlag);
                        stream.Position = offset;
                        stream.WriteByte((byte)(flags & 0xff));
                        stream.WriteByte((byte)(flags >> 8));
                    }
                }

                File.SetLastWriteTimeUtc(temporary, lastWrite);
                File.Replace(temporary, path, null);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }

            return WeakMarkResult.Marked;
        }

        /// <summary>
        /// Whether a need of <paramref name="versionName"/> must be made weak on this machine: true unless the given
        /// libstdc++ (see <see cref="FindSystemLibStdCxx"/>) exists and defines the version.
        /// </summary>
        public static bool IsMarkNeeded(string? systemLibStdCxx, string versionName) =>
            systemLibStdCxx == null || !DefinesVersion(systemLibStdCxx, versionName);

        /// <summary>The version needs of an ELF file: library, version name, flags.</summary>
        public static IReadOnlyList<VersionNeed> ReadNeeds(string path) => ReadNeeds(File.ReadAllBytes(path));

        /// <summary>Whether an ELF shared library defines (provides) a symbol version.</summary>
        public static bool DefinesVersion(string path, string versionName)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }

            if (!IsElf64LittleEndian(bytes))
            {
                return false;
            }

            foreach (var section in Sections(bytes))
            {
                if (section.Type != VersionDefinitionSection)
                {
                    continue;
                }

                var strings = Section(bytes, section.Link);
                var offset = section.Offset;
                for (var i = 0u; i < section.Info; i++)
                {
                    Check(bytes, offset, 20);
                    var count = ReadUInt16(bytes, offset + 6);
                    var aux = ReadUInt32(bytes, offset + 12);
                    var next = ReadUInt32(bytes, offset + 16);
                    if (count > 0)
                    {
                        Check(bytes, offset + aux, 8);
                        if (ReadString(bytes, strings.Offset + ReadUInt32(bytes, offset + aux)) == versionName)
                        {
                            return true;
                        }
                    }

                    if (next == 0)
                    {
                        break;
                    }

                    offset += next;
                }
            }

            return false;
        }

        /// <summary>
        /// The libstdc++ this machine's processes load: the one mapped into the current process (the .NET runtime
        /// links it), else the first libstdc++.so.6 in the usual library folders; null when none is found.
        /// </summary>
        public static string? FindSystemLibStdCxx()
        {
            try
            {
                if (File.Exists("/proc/self/maps"))
                {
                    foreach (var line in File.ReadAllLines("/proc/self/maps"))
                    {
                        var slash = line.IndexOf('/');
                        if (slash >= 0 && line.IndexOf("libstdc++.so", slash, StringComparison.Ordinal) >= 0)
                        {
                            var mapped = line.Substring(slash).Trim();
                            if (File.Exists(mapped))
                            {
                                return mapped;
                            }
                        }
                    }
                }
            }
            catch (IOException)
            {
                // fall back to the usual folders
            }
            catch (UnauthorizedAccessException)
            {
                // fall back to the usual folders
            }

            foreach (var directory in LibStdCxxDirectories)
            {
                var candidate = Path.Combine(directory, "libstdc++.so.6");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static List<VersionNeed> ReadNeeds(byte[] bytes)
        {
            if (!IsElf64LittleEndian(bytes))
            {
                throw new InvalidDataException("not a 64-bit little-endian ELF file");
            }

            var needs = new List<VersionNeed>();
            foreach (var section in Sections(bytes))
            {
                if (section.Type != VersionNeedSection)
                {
                    continue;
                }

                var strings = Section(bytes, section.Link);
                var offset = section.Offset;
                for (var i = 0u; i < section.Info; i++)
                {
                    Check(bytes, offset, 16);
                    var count = ReadUInt16(bytes, offset + 2);
                    var file = ReadString(bytes, strings.Offset + ReadUInt32(bytes, offset + 4));
                    var auxOffset = offset + ReadUInt32(bytes, offset + 8);
                    for (var j = 0; j < count; j++)
                    {
                        Check(bytes, auxOffset, 16);
                        var flags = ReadUInt16(bytes, auxOffset + 4);
                        var name = ReadString(bytes, strings.Offset + ReadUInt32(bytes, auxOffset + 8));
                        needs.Add(new VersionNeed(file, name, flags, auxOffset + 4));
                        var nextAux = ReadUInt32(bytes, auxOffset + 12);
                        if (nextAux == 0)
                        {
                            break;
                        }

                        auxOffset += nextAux;
                    }

                    var next = ReadUInt32(bytes, offset + 12);
                    if (next == 0)
                    {
                        break;
                    }

                    offset += next;
                }
            }

            return needs;
        }

        private static bool IsElf64LittleEndian(byte[] bytes) =>
            bytes.Length >= 64 && bytes[0] == 0x7f && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F'
            && bytes[4] == 2 && bytes[5] == 1;

        private static IEnumerable<SectionHeader> Sections(byte[] bytes)
        {
            var tableOffset = (long)ReadUInt64(bytes, 0x28);
            var entrySize = ReadUInt16(bytes, 0x3a);
            var count = ReadUInt16(bytes, 0x3c);
            if (tableOffset == 0 || count == 0)
            {
                yield break;
            }

            if (entrySize < 64)
            {
                throw new InvalidDataException("section header entries are shorter than 64 bytes");
            }

            for (var i = 0; i < count; i++)
            {
                yield return ReadSection(bytes, tableOffset + ((long)i * entrySize));
            }
        }

        private static SectionHeader Section(byte[] bytes, uint index)
        {
            var tableOffset = (long)ReadUInt64(bytes, 0x28);
            var entrySize = ReadUInt16(bytes, 0x3a);
            var count = ReadUInt16(bytes, 0x3c);
            if (index >= count)
            {
                throw new InvalidDataException("section index " + index + " is out of range");
            }

            return ReadSection(bytes, tableOffset + ((long)index * entrySize));
        }

        private static SectionHeader ReadSection(byte[] bytes, long offset)
        {
            Check(bytes, offset, 64);
            var section = new SectionHeader(
                ReadUInt32(bytes, offset + 4),
                (long)ReadUInt64(bytes, offset + 24),
                (long)ReadUInt64(bytes, offset + 32),
                ReadUInt32(bytes, offset + 40),
                ReadUInt32(bytes, offset + 44));
            return section;
        }

        private static string ReadString(byte[] bytes, long offset)
        {
            Check(bytes, offset, 1);
            var end = offset;
            while (end < bytes.Length && bytes[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(bytes, (int)offset, (int)(end - offset));
        }

        private static ushort ReadUInt16(byte[] bytes, long offset)
        {
            Check(bytes, offset, 2);
            return (ushort)(bytes[offset] | (bytes[offset + 1] << 8));
        }

        private static uint ReadUInt32(byte[] bytes, long offset)
        {
            Check(bytes, offset, 4);
            return (uint)(bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24));
        }

        private static ulong ReadUInt64(byte[] bytes, long offset) =>
            ReadUInt32(bytes, offset) | ((ulong)ReadUInt32(bytes, offset + 4) << 32);

        private static void Check(byte[] bytes, long offset, long length)
        {
            if (offset < 0 || offset + length > bytes.Length)
            {
                throw new InvalidDataException("ELF structure at offset " + offset + " runs past the end of the file");
            }
        }

        private struct SectionHeader
        {
            public SectionHeader(uint type, long offset, long size, uint link, uint info)
            {
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                Info = info;
            }

            public uint Type { get; }

            public long Offset { get; }

            public long Size { get; }

            public uint Link { get; }

            public uint Info { get; }
        }
    }

    /// <summary>One Vernaux entry: the library needed, the version name, its flags and where the flags are stored.</summary>
    public sealed class VersionNeed
    {
        /// <summary>Creates an entry.</summary>
        public VersionNeed(string library, string version, ushort flags, long flagsOffset)
        {
            Library = library;
            Version = version;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The needed library (vn_file), e.g. libstdc++.so.6.</summary>
        public string Library { get; }

        /// <summary>The version name (vna_name), e.g. GLIBCXX_3.4.32.</summary>
        public string Version { get; }

        /// <summary>vna_flags.</summary>
        public ushort Flags { get; }

        /// <summary>File offset of vna_flags.</summary>
        public long FlagsOffset { get; }

        /// <summary>Whether VER_FLG_WEAK is set.</summary>
        public bool IsWeak => (Flags & ElfVersionNeeds.WeakFlag) != 0;
    }
}
