using PoNasOrleans.Grains.Interfaces.Episodes;
using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Interfaces.Work;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Presets;
using PoNasOrleans.Nas.Randomness;
using PoNasOrleans.Nas.Reports;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Grains.Tests;

/// <summary>Every server-side check of an episode report: refused with a clear error, counted, and nothing else changed.</summary>
[Collection(SharedPoolCluster.Name)]
public sealed class RefusalTests(PoolCluster pool)
{
    private readonly PoolScenario scenario = new(pool);

    public static TheoryData<string, ReportRefusal, string> Cases => new()
    {
        { "outside", ReportRefusal.OutsideSubspace, "key 'filter_height': value 3 is not in the subspace {1, 5, 7}" },
        { "layers", ReportRefusal.WrongLayerCount, "3 layers, the task has 2" },
        { "luts", ReportRefusal.HardwareMismatch, "the pool's tiled estimate is" },
        { "nan", ReportRefusal.RewardOutOfRange, "reward NaN is not an accuracy in [0, 1]" },
        { "infinity", ReportRefusal.RewardOutOfRange, "is not an accuracy in [0, 1]" },
        { "above-one", ReportRefusal.RewardOutOfRange, "reward 1.5 is not an accuracy in [0, 1]" },
        { "negative", ReportRefusal.RewardOutOfRange, "reward -0.1 is not an accuracy in [0, 1]" },
        { "infeasible", ReportRefusal.RewardForInfeasible, "for an infeasible architecture (must be 0)" },
        { "sequence", ReportRefusal.OutOfSequence, "episode 2 is out of sequence: the next expected is 1" },
        { "zero-sequence", ReportRefusal.OutOfSequence, "sequence numbers start at 1" },
        { "controller", ReportRefusal.OutOfSequence, "the controller has 5 episodes" },
        { "unknown-block", ReportRefusal.UnknownBlock, "is not a block of the pool" },
        { "unknown-subspace", ReportRefusal.UnknownSubspace, "has no subspace 'S99'" },
        { "hash", ReportRefusal.BlobMismatch, "has SHA-256" },
        { "blob-name", ReportRefusal.BlobMismatch, "is not the checkpoints blob issued for it" },
        { "path-like-name", ReportRefusal.BlobMismatch, "is not the models blob issued for it" },
        { "missing-blob", ReportRefusal.BlobMismatch, "does not exist" },
        { "json", ReportRefusal.Malformed, "the architecture is not valid architecture JSON" },
        { "images", ReportRefusal.Malformed, "images trained is impossible" },
        { "seconds", ReportRefusal.Malformed, "seconds is not a duration" },
        { "sha-format", ReportRefusal.Malformed, "SHA-256 must be 64 lowercase hex digits" },
        { "no-checkpoint", ReportRefusal.Malformed, "must carry the controller checkpoint" },
        { "wrong-kind", ReportRefusal.NotAssigned, "is not assigned to exploit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_report_is_refused_counted_and_changes_nothing(string fault, ReportRefusal expected, string message)
    {
        // a minimum throughput of 3,000 images/s makes about half of S1's 2-layer architectures infeasible (at 10 none is)
        var block = await scenario.OpenNext(minThroughput: 3000);
        var miner = await scenario.Miner();
        var item = await miner.Pull();
        var honest = await PoolScenario.Episode(item, 0.5, withModel: true);
        var bad = await Spoil(fault, honest, item);

        var error = await Assert.ThrowsAsync<EpisodeRefusedException>(() => miner.Report(bad));
        Assert.Equal(expected, error.Reason);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);

        var subspace = await pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1").Describe();
        Assert.Equal((0L, 0L), (subspace!.Episodes, subspace.Explorations));
        Assert.Null(subspace.Checkpoint);
        Assert.Empty(await pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1").Episodes(0, 10));
        var described = await pool.Operator.GetGrain<IMinerGrain>(miner.Id).Describe();
        Assert.Equal((1L, 0L, 0L), (described.RefusedCalls, described.Episodes, described.WorkUnits));
        // the miner grain refuses these before any subspace sees them: counted by the miner only
        if (expected is not (ReportRefusal.UnknownBlock or ReportRefusal.UnknownSubspace or ReportRefusal.NotAssigned))
        {
            Assert.Equal(1, subspace.Refusals[expected]);
        }

        // the honest report is still accepted afterwards: the refusal left the sequence untouched
        Assert.False((await miner.Report(fault == "missing-blob" ? honest with { Model = null } : honest)).Repeated);
    }

    [Fact]
    public async Task A_retried_report_counts_once_and_a_different_report_with_its_sequence_is_a_duplicate()
    {
        var block = await scenario.OpenNext();
        var miner = await scenario.Miner();
        var item = await miner.Pull();
        var report = await PoolScenario.Episode(item, 0.5);
        var first = await miner.Report(report);
        var retry = await miner.Report(report);
        Assert.Equal(first with { Repeated = true }, retry);

        var other = report with { Reward = 0.9 };
        var duplicate = await Assert.ThrowsAsync<EpisodeRefusedException>(() => miner.Report(other));
        Assert.Equal(ReportRefusal.DuplicateEpisode, duplicate.Reason);

        var subspace = pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1");
        Assert.Equal(1, (await subspace.Describe())!.Episodes);
        var logged = Assert.Single(await subspace.Episodes(0, 10));
        Assert.Equal((miner.Id, report), (logged.MinerId, logged.Report));
        Assert.Equal(first.WorkUnits, (await pool.Operator.GetGrain<IMinerGrain>(miner.Id).Describe()).WorkUnits);
    }

    [Fact]
    public async Task A_miner_cannot_report_another_miners_episode_or_use_its_credential()
    {
        var block = await scenario.OpenNext();
        var explorer = await scenario.Miner();
        var intruder = await scenario.Miner();
        var item = await explorer.Pull();
        await intruder.Pull(); // explores S2
        var report = await PoolScenario.Episode(item, 0.5);

        var foreign = await Assert.ThrowsAsync<EpisodeRefusedException>(() => intruder.Report(report));
        Assert.Equal(ReportRefusal.NotAssigned, foreign.Reason);
        Assert.Contains($"miner '{intruder.Id}' is not assigned to explore {block.Task.Height}/S1", foreign.Message, StringComparison.Ordinal);

        var impersonation = await Assert.ThrowsAsync<MinerRefusedException>(() => intruder.Grain.Report(explorer.Secret, report));
        Assert.Contains("the credential is not this miner's", impersonation.Message, StringComparison.Ordinal);
        var stolen = await Assert.ThrowsAsync<MinerRefusedException>(() => explorer.Grain.Report(intruder.Secret, report));
        Assert.Contains("the credential is not this miner's", stolen.Message, StringComparison.Ordinal);

        Assert.Equal(0, (await pool.Operator.GetGrain<ISubspaceGrain>($"{block.Task.Height}/S1").Describe())!.Episodes);
        Assert.False((await explorer.Report(report)).Repeated);
    }

    private async Task<EpisodeSubmission> Spoil(string fault, EpisodeSubmission honest, WorkItem item)
    {
        var space = SpaceJson.Parse(item.Space!);
        var architecture = ArchitectureJson.Parse(honest.Architecture);
        return fault switch
        {
            "outside" => Claim(honest, new Architecture(architecture.Layers.SetItem(0, architecture.Layers[0].With(Hyperparameter.FilterHeight, 3))), item.MinThroughput),
            "layers" => Claim(honest, space.SampleArchitecture(3, new SeededRandom(5)), item.MinThroughput),
            "luts" => honest with { Luts = honest.Luts + 1 },
            "nan" => honest with { Reward = double.NaN },
            "infinity" => honest with { Reward = double.PositiveInfinity },
            "above-one" => honest with { Reward = 1.5 },
            "negative" => honest with { Reward = -0.1 },
            "infeasible" => Claim(honest, PoolScenario.Sample(space, item.Layers, 3, feasible: false, item.MinThroughput), item.MinThroughput) with { Reward = 0.5, ImagesTrained = 0 },
            "sequence" => honest with { Sequence = 2 },
            "zero-sequence" => honest with { Sequence = 0 },
            "controller" => honest with { ControllerEpisodes = 5 },
            "unknown-block" => honest with { Height = 1_000_000_000 },
            "unknown-subspace" => honest with { Subspace = "S99" },
            "hash" => honest with { Checkpoint = honest.Checkpoint! with { Sha256 = new string('0', 64) } },
            "blob-name" => honest with { Checkpoint = honest.Checkpoint! with { Name = item.CheckpointName!.Replace("000001", "000002", StringComparison.Ordinal) } },
            "path-like-name" => honest with { Model = honest.Model! with { Name = "../checkpoints/" + honest.Model.Name } },
            "missing-blob" => honest with { Model = await Missing(item) },
            "json" => honest with { Architecture = "{\"layers\": [" },
            "images" => honest with { ImagesTrained = -5 },
            "seconds" => honest with { Seconds = double.NaN },
            "sha-format" => honest with { Model = honest.Model! with { Sha256 = "ABC" } },
            "no-checkpoint" => honest with { Checkpoint = null },
            "wrong-kind" => honest with { Kind = EpisodeKind.Exploit, Checkpoint = null, ControllerEpisodes = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown fault"),
        };
    }

    /// <summary>The report's claims recomputed for another architecture (so only the intended check fails).</summary>
    private static EpisodeSubmission Claim(EpisodeSubmission report, Architecture architecture, double minThroughput)
    {
        var estimate = PoolScenario.Estimate(architecture, minThroughput);
        return report with { Architecture = ArchitectureJson.Write(architecture), Luts = estimate.Luts, Throughput = estimate.Throughput, Feasible = estimate.Feasible };
    }

    /// <summary>A model reference under the issued name whose blob was deleted after upload (by the operator: the write link cannot delete).</summary>
    private async Task<BlobRef> Missing(WorkItem item)
    {
        var reference = await PoolScenario.Upload(item.ModelUpload!, item.ModelName!, "model that goes away");
        await pool.Blobs.GetBlobContainerClient("models").GetBlobClient(item.ModelName).DeleteAsync();
        return reference;
    }
}
