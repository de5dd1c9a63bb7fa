using System.Runtime.InteropServices;
using TorchSharp;

namespace PoNasOrleans.Training.Tests;

public sealed partial class TorchRuntimeTests
{
    [Fact]
    public void Auto_picks_cuda_only_when_available()
    {
        var device = TorchRuntime.SelectDevice(DevicePreference.Auto);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, device.type);
        Assert.Equal(DeviceType.CPU, TorchRuntime.SelectDevice(DevicePreference.Cpu).type);
    }

    [Fact]
    public void Requiring_cuda_without_it_fails_with_a_clear_message()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, TorchRuntime.SelectDevice(DevicePreference.Cuda).type);
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.SelectDevice(DevicePreference.Cuda));
        Assert.Contains("TorchDevice=cuda", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_sets_the_intra_op_thread_count()
    {
        var previous = torch.get_num_threads();
        try
        {
            var device = TorchRuntime.Configure(new TorchRuntimeOptions { Device = DevicePreference.Cpu, IntraOpThreads = 1 });
            Assert.Equal(DeviceType.CPU, device.type);
            Assert.Equal(1, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }

    [Fact]
    public void Configure_keeps_an_unchanged_interop_thread_count()
    {
        var current = torch.get_num_interop_threads();
        TorchRuntime.Configure(new TorchRuntimeOptions { InteropThreads = current });
        Assert.Equal(current, torch.get_num_interop_threads());
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, -2)]
    public void Non_positive_thread_counts_are_refused(int? intra, int? interop) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.Configure(new TorchRuntimeOptions { IntraOpThreads = intra, InteropThreads = interop }));

    [Theory]
    [InlineData(null, 0, "the operator cache capacity must be at least 1")]
    [InlineData(null, -3, "the operator cache capacity must be at least 1")]
    [InlineData(-1, null, "the primitive cache capacity must be 0 or more")]
    public void Cache_capacities_out_of_range_are_refused_with_their_names(int? primitives, int? operators, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.Configure(new TorchRuntimeOptions { PrimitiveCacheCapacity = primitives, OperatorCacheCapacity = operators }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_puts_the_native_cache_limits_in_the_native_environment()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        TorchRuntime.Configure(new TorchRuntimeOptions { PrimitiveCacheCapacity = 64, OperatorCacheCapacity = 1, MklBufferPool = false });
        Assert.Equal(("64", "1", "1"), (NativeVariable("ONEDNN_PRIMITIVE_CACHE_CAPACITY"), NativeVariable("LRU_CACHE_CAPACITY"), NativeVariable("MKL_DISABLE_FAST_MM")));
    }

    /// <summary>A variable of the native environment (which <see cref="Environment.GetEnvironmentVariable(string)"/> does not see after start-up).</summary>
    private static string? NativeVariable(string name) => Marshal.PtrToStringUTF8(getenv(name));

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);
}
