using TorchSharp;

namespace PoNasOrleans.Training.Tests;

public sealed class TorchRuntimeTests
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
}
