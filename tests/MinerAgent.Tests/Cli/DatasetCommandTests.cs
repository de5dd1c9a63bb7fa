namespace PoNasOrleans.MinerAgent.Tests.Cli;

public class DatasetCommandTests
{
    [Fact]
    public void Synth_writes_a_readable_deterministic_data_set()
    {
        var first = Path.Combine(Path.GetTempPath(), $"ponas-synth-{Guid.NewGuid():N}");
        var second = first + "-again";
        try
        {
            var run = CliRun.Of("dataset", "synth", "--out", first, "--train", "50", "--test", "20", "--seed", "3");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("wrote 50 training and 20 test images", run.Out, StringComparison.Ordinal);
            Assert.Equal(0, CliRun.Of("dataset", "synth", "--out", second, "--train", "50", "--test", "20", "--seed", "3").ExitCode);
            foreach (var file in new[] { "data_batch_1.bin", "data_batch_5.bin", "test_batch.bin" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
            }

            var inspect = CliRun.Of("dataset", "inspect", first);
            Assert.Equal(0, inspect.ExitCode);
            Assert.Contains("train: 50 images, per class 5 5 5 5 5 5 5 5 5 5", inspect.Out, StringComparison.Ordinal);
            Assert.Contains("test: 20 images", inspect.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(first, true);
            Directory.Delete(second, true);
        }
    }

    [Fact]
    public void Inspect_names_a_truncated_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ponas-synth-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(0, CliRun.Of("dataset", "synth", "--out", folder, "--train", "10", "--test", "2").ExitCode);
            File.WriteAllBytes(Path.Combine(folder, "data_batch_2.bin"), new byte[3000]);
            var run = CliRun.Of("dataset", "inspect", folder);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("data_batch_2.bin: 3000 bytes is not a whole number of 3073-byte CIFAR-10 records", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData("--train", "0", "--train must be at least 1")]
    [InlineData("--noise", "500", "the noise must lie in 0–128")]
    public void Synth_refuses_bad_counts(string option, string value, string expected)
    {
        var run = CliRun.Of("dataset", "synth", "--out", Path.Combine(Path.GetTempPath(), "never-written"), option, value);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "never-written")));
    }
}
