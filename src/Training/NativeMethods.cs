using System.Runtime.InteropServices;

namespace PoNasOrleans.Training;

/// <summary>The two glibc calls the runtime set-up needs.</summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc")]
    internal static partial int malloc_trim(nuint pad);
}
