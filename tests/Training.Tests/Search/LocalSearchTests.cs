using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Training.ChildTraining;
using PoNasOrleans.Training.Controller;
using PoNasOrleans.Training.Search;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.Tests.Search;

public sealed class LocalSearchTests(SyntheticData data) : IClassFixture<SyntheticData>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ponas-search-").FullName;

    private static SearchOptions Options(int episodes, int epochs = 1, FpgaConstraints? constraints = null) => new(
        Layers: 3,
        Episodes: episodes,
        Seed: 21,
        Fpga: FpgaCostModels.Tiled,
        Constraints: constraints ?? new FpgaConstraints(),
        Training: new TrainingOptions(MaxEpochs: epochs, BatchSize: 32, LearningRate: 0.05),
        Controller: new ControllerOptions());

    [Fact]
    public void A_short_search_finds_an_architecture_well_above_chance()
    {
        var search = Search(Options(episodes: 6, epochs: 3));
        var outcome = search.Start(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("run.ckpt"));
        Assert.False(outcome.Interrupted);
        Assert.Equal(6, outcome.Episodes);
        Assert.True(outcome.BestReward > 0.15, $"best reward {outcome.BestReward:F3} vs chance 0.1");
        var log = EpisodeLog.Read(Path("run.jsonl"));
        Assert.Equal([1L, 2, 3, 4, 5, 6], log.Select(e => e.Episode));
        Assert.Equal(outcome.BestReward, log.Max(e => e.Reward));
        Assert.True(File.Exists(Path("run.ckpt")));
    }

    [Fact]
    public void Stopping_and_resuming_gives_the_same_run_as_not_stopping()
    {
        Search(Options(episodes: 5)).Start(PresetCatalog.Paper["S9"], Path("whole.jsonl"), Path("whole.ckpt"));

        using var stop = new CancellationTokenSource();
        var stopAfterTwo = new Progress(record => { if (record.Episode == 2) { stop.Cancel(); } });
        var first = Search(Options(episodes: 5)).Start(PresetCatalog.Paper["S9"], Path("part.jsonl"), Path("part.ckpt"), stopAfterTwo, stop.Token);
        Assert.True(first.Interrupted);
        Assert.Equal(2, first.Episodes);
        Assert.Equal(2, EpisodeLog.Read(Path("part.jsonl")).Count);

        var second = Search(Options(episodes: 5)).Resume(PresetCatalog.Paper["S9"], Path("part.jsonl"), Path("part.ckpt"));
        Assert.False(second.Interrupted);
        Assert.Equal(5, second.Episodes);
        Assert.Equal(EpisodeLog.Read(Path("whole.jsonl")), EpisodeLog.Read(Path("part.jsonl")));
    }

    [Fact]
    public void A_log_line_written_after_the_last_checkpoint_is_redone_on_resume()
    {
        Search(Options(episodes: 2)).Start(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("run.ckpt"));
        var lines = File.ReadAllLines(Path("run.jsonl"));
        File.AppendAllLines(Path("run.jsonl"), [lines[^1].Replace("\"episode\":2", "\"episode\":3", StringComparison.Ordinal)]);
        Search(Options(episodes: 3)).Resume(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("run.ckpt"));
        var log = EpisodeLog.Read(Path("run.jsonl"));
        Assert.Equal([1L, 2, 3], log.Select(e => e.Episode));
        Assert.NotEqual(lines[^1], File.ReadAllLines(Path("run.jsonl"))[^1]);
    }

    [Fact]
    public void Infeasible_candidates_get_reward_zero_without_training()
    {
        var outcome = Search(Options(episodes: 5, constraints: new FpgaConstraints(10, 10))).Start(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("run.ckpt"));
        Assert.Equal(0, outcome.BestReward);
        Assert.All(File.ReadAllLines(Path("run.jsonl")), line => Assert.Contains("\"feasible\":false,\"reward\":0", line, StringComparison.Ordinal));
    }

    [Fact]
    public void An_existing_run_is_never_overwritten()
    {
        Search(Options(episodes: 1, constraints: new FpgaConstraints(10, 10))).Start(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("run.ckpt"));
        var before = File.ReadAllText(Path("run.jsonl"));
        var error = Assert.Throws<IOException>(() => Search(Options(episodes: 2)).Start(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("other.ckpt")));
        Assert.Contains("already exists: continue that run with --resume", error.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => Search(Options(episodes: 2)).Start(PresetCatalog.Paper["S9"], Path("other.jsonl"), Path("run.ckpt")));
        Assert.Equal(before, File.ReadAllText(Path("run.jsonl")));
    }

    [Fact]
    public void Resuming_needs_a_matching_checkpoint_and_log()
    {
        Assert.Throws<FileNotFoundException>(() => Search(Options(episodes: 2)).Resume(PresetCatalog.Paper["S9"], Path("none.jsonl"), Path("none.ckpt")));
        Search(Options(episodes: 2, constraints: new FpgaConstraints(10, 10))).Start(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("run.ckpt"));
        File.WriteAllText(Path("run.jsonl"), string.Empty);
        var error = Assert.Throws<InvalidDataException>(() => Search(Options(episodes: 3)).Resume(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("run.ckpt")));
        Assert.Contains("has 0 episodes but the checkpoint has 2", error.Message, StringComparison.Ordinal);
        var otherSpace = Assert.Throws<InvalidDataException>(() => Search(Options(episodes: 3)).Resume(PresetCatalog.Paper["S6"], Path("run.jsonl"), Path("run.ckpt")));
        Assert.Contains("searches another space", otherSpace.Message, StringComparison.Ordinal);
        File.WriteAllBytes(Path("run.ckpt"), [1, 2, 3]);
        Assert.Contains("run.ckpt: not a controller checkpoint", Assert.Throws<InvalidDataException>(() => Search(Options(episodes: 3)).Resume(PresetCatalog.Paper["S9"], Path("run.jsonl"), Path("run.ckpt"))).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private LocalSearch Search(SearchOptions options) => new(options, new ChildTrainer(options.Training, CPU), data.Train, data.Validation);

    private string Path(string name) => System.IO.Path.Combine(folder, name);

    private sealed class Progress(Action<EpisodeRecord> report) : IProgress<EpisodeRecord>
    {
        public void Report(EpisodeRecord value) => report(value);
    }
}
