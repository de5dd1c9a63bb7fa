using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Space;
using PoNasOrleans.Training.Controller;

namespace PoNasOrleans.Training.Tests.Controller;

public class ArchitectureControllerTests
{
    /// <summary>A reward that the controller can learn: the share of layers with the subspace's smallest filter count.</summary>
    private static double SmallFilterShare(Architecture architecture, SearchSpace subspace) =>
        architecture.Layers.Count(l => l.NumFilters == subspace[Hyperparameter.NumFilters][0]) / (double)architecture.Layers.Length;

    [Theory]
    [InlineData("S1")]
    [InlineData("S7")]
    [InlineData("S9")]
    public void Never_leaves_its_subspace(string name)
    {
        var subspace = PresetCatalog.Paper[name];
        using var controller = new ArchitectureController(subspace, 6, seed: 3);
        var seen = new HashSet<int>();
        for (var episode = 0; episode < 60; episode++)
        {
            var sample = controller.Sample();
            Assert.Equal(6, sample.Architecture.Layers.Length);
            Assert.True(subspace.Contains(sample.Architecture));
            seen.UnionWith(sample.Architecture.Layers.Select(l => l.NumFilters));
            controller.Record(sample, SmallFilterShare(sample.Architecture, subspace));
        }

        Assert.Equal(subspace[Hyperparameter.NumFilters].Length, seen.Count);
    }

    [Fact]
    public void The_same_seed_samples_the_same_architectures()
    {
        var subspace = PresetCatalog.Paper["S2"];
        using var first = new ArchitectureController(subspace, 4, seed: 11);
        using var second = new ArchitectureController(subspace, 4, seed: 11);
        using var other = new ArchitectureController(subspace, 4, seed: 12);
        var differs = false;
        for (var episode = 0; episode < 12; episode++)
        {
            var a = first.Sample();
            var b = second.Sample();
            differs |= !a.Architecture.Equals(other.Sample().Architecture);
            Assert.Equal(a.Architecture, b.Architecture);
            first.Record(a, 0.3);
            second.Record(b, 0.3);
        }

        Assert.True(differs);
    }

    [Fact]
    public void Save_load_and_continue_samples_exactly_what_an_uninterrupted_run_samples()
    {
        var subspace = PresetCatalog.Paper["S6"];
        using var uninterrupted = new ArchitectureController(subspace, 3, seed: 5, new ControllerOptions(LearningRate: 0.05));
        for (var episode = 0; episode < 13; episode++)
        {
            var sample = uninterrupted.Sample();
            uninterrupted.Record(sample, SmallFilterShare(sample.Architecture, subspace));
        }

        using var checkpoint = new MemoryStream();
        uninterrupted.Save(checkpoint);
        checkpoint.Position = 0;
        using var resumed = ArchitectureController.Load(checkpoint);
        Assert.Equal(13, resumed.Episodes);
        Assert.Equal(uninterrupted.Baseline, resumed.Baseline);
        Assert.Equal(uninterrupted.Rewards, resumed.Rewards);
        Assert.Equal(uninterrupted.Options, resumed.Options);
        for (var episode = 0; episode < 17; episode++)
        {
            var expected = uninterrupted.Sample();
            var actual = resumed.Sample();
            Assert.Equal(expected.Architecture, actual.Architecture);
            var reward = SmallFilterShare(expected.Architecture, subspace);
            uninterrupted.Record(expected, reward);
            resumed.Record(actual, reward);
        }

        Assert.Equal(uninterrupted.Baseline, resumed.Baseline);
    }

    [Fact]
    public void Learns_to_prefer_rewarded_choices()
    {
        var subspace = PresetCatalog.Paper["S6"];
        using var controller = new ArchitectureController(subspace, 2, seed: 1);
        var rewards = new List<double>();
        for (var episode = 0; episode < 300; episode++)
        {
            var sample = controller.Sample();
            var reward = SmallFilterShare(sample.Architecture, subspace);
            rewards.Add(reward);
            controller.Record(sample, reward);
        }

        var first = rewards.Take(50).Average();
        var last = rewards.TakeLast(50).Average();
        Assert.True(last > first + 0.3, $"mean reward went from {first:F2} to {last:F2}");
    }

    [Fact]
    public void Damaged_checkpoints_are_refused_with_the_reason()
    {
        using var controller = new ArchitectureController(PresetCatalog.Paper["S9"], 2, seed: 2);
        using var stream = new MemoryStream();
        controller.Save(stream);
        var bytes = stream.ToArray();

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x40;
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => ArchitectureController.Load(new MemoryStream(flipped))).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ArchitectureController.Load(new MemoryStream(bytes[..(bytes.Length - 10)]))).Message, StringComparison.Ordinal);
        Assert.Contains("not a controller checkpoint", Assert.Throws<InvalidDataException>(() => ArchitectureController.Load(new MemoryStream("hello world, not a checkpoint"u8.ToArray()))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Rewards_outside_zero_to_one_are_refused(double reward)
    {
        using var controller = new ArchitectureController(PresetCatalog.Paper["S9"], 1, seed: 2);
        var sample = controller.Sample();
        Assert.Throws<ArgumentOutOfRangeException>(() => controller.Record(sample, reward));
        Assert.Equal(0, controller.Episodes);
    }

    [Fact]
    public void Bad_options_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ArchitectureController(PresetCatalog.Paper["S9"], 1, 1, new ControllerOptions(LearningRate: 0)));
        Assert.Equal("LearningRate", error.ParamName);
    }
}
