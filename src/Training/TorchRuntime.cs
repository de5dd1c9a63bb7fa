using System.Globalization;
using System.Runtime.InteropServices;
using TorchSharp;

namespace PoNasOrleans.Training;

/// <summary>Sets up libtorch for training: thread counts and the device (CUDA when available, else CPU).</summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();

    /// <summary>
    /// Applies the native caches' limits and the thread counts and returns the device to train on. Call it before any
    /// other use of libtorch: the caches read their environment variables once, at first use.
    /// </summary>
    public static torch.Device Configure(TorchRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        lock (Gate)
        {
            if (OperatingSystem.IsLinux())
            {
                // oneDNN, ideep and MKL read the native environment, which Environment.SetEnvironmentVariable does not change
                if (options.PrimitiveCacheCapacity is { } capacity)
                {
                    _ = NativeMethods.setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", capacity.ToString(CultureInfo.InvariantCulture), 1);
                }

                if (options.OperatorCacheCapacity is { } operators)
                {
                    _ = NativeMethods.setenv("LRU_CACHE_CAPACITY", operators.ToString(CultureInfo.InvariantCulture), 1);
                }

                if (!options.MklBufferPool)
                {
                    _ = NativeMethods.setenv("MKL_DISABLE_FAST_MM", "1", 1);
                }
            }

            if (options.InteropThreads is { } interop && torch.get_num_interop_threads() != interop)
            {
                try
                {
                    torch.set_num_interop_threads(interop);
                }
                catch (ExternalException e)
                {
                    throw new InvalidOperationException(
                        $"cannot set {interop} inter-op threads: libtorch allows it once per process, before any parallel work ({e.Message})", e);
                }
            }

            if (options.IntraOpThreads is { } intra)
            {
                torch.set_num_threads(intra);
            }
        }

        return SelectDevice(options.Device);
    }

    /// <summary>
    /// Returns the native heap's free memory to the system (glibc <c>malloc_trim</c>; nothing elsewhere). Called
    /// between episodes, it keeps a long search's resident size from creeping up with fragments of freed
    /// activations of differently shaped networks.
    /// </summary>
    public static void ReleaseFreeMemory()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = NativeMethods.malloc_trim(0);
        }
    }

    /// <summary>The device for a preference: Auto gives CUDA when <c>torch.cuda.is_available()</c>, else the CPU.</summary>
    public static torch.Device SelectDevice(DevicePreference preference) => preference switch
    {
        DevicePreference.Auto => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
        DevicePreference.Cpu => torch.CPU,
        DevicePreference.Cuda => torch.cuda.is_available()
            ? torch.CUDA
            : throw new InvalidOperationException(
                "CUDA was requested but torch.cuda.is_available() is false: build with -p:TorchDevice=cuda and run on a machine with an NVIDIA GPU and driver"),
        _ => throw new ArgumentOutOfRangeException(nameof(preference), preference, "unknown device preference"),
    };
}
