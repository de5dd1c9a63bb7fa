using System.Text;
using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Chain.Tests;

/// <summary>A small devnet task, its clock and helpers to commit and reveal honestly.</summary>
internal static class TestChain
{
    public const long Height = 7;

    /// <summary>2·2·2 = 8 layer configurations, all small enough for the paper's FPGA budget.</summary>
    public static SearchSpace Space { get; } = SearchSpace.Create(
        [[1, 3], [1, 3], [8, 16], [1], [1], [1], [1], [4], [1], [4]]);

    public static DateTimeOffset Published { get; } = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset TrainingDeadline { get; } = Published.AddHours(1);

    public static DateTimeOffset ValidationDeadline { get; } = Published.AddHours(2);

    /// <summary>A time in the training phase.</summary>
    public static DateTimeOffset Training { get; } = Published.AddMinutes(10);

    /// <summary>A time in the validation phase.</summary>
    public static DateTimeOffset Validation { get; } = TrainingDeadline.AddMinutes(10);

    /// <summary>A time after the validation deadline (judging).</summary>
    public static DateTimeOffset Judging { get; } = ValidationDeadline.AddMinutes(10);

    public static DatasetRef TestSplit { get; } = new("blob://devnet/cifar10-test.bin", new string('b', 64));

    public static ChainTask DevnetTask { get; } = new(
        Height,
        SpaceJson.Write(Space),
        Layers: 2,
        FpgaModel: "tiled",
        LutLimit: 100_000,
        MinThroughput: 10,
        Epochs: 5,
        TrainingData: new DatasetRef("blob://devnet/cifar10-train.bin", new string('a', 64)),
        Published,
        TrainingDeadline,
        ValidationDeadline,
        CommitmentCap: 3,
        AccuracyTolerance: 0.01);

    /// <summary>Participant ids the chain refuses: missing, empty, white space, too long, control characters, a lone surrogate.</summary>
    public static IReadOnlyList<string?> MalformedIds { get; } =
        [null, "", "   ", new string('p', ChainIds.MaxParticipantLength + 1), "tab\there", "nul\0", "bell\u0007", "lone \ud800 surrogate", "\udc00"];

    public static HeightLedger Open(ChainTask? task = null)
    {
        var ledger = new HeightLedger();
        ledger.Open(task ?? DevnetTask, TestSplit);
        return ledger;
    }

    public static byte[] Model(string name) => Encoding.UTF8.GetBytes($"weights of {name}");

    public static Layer Layer(int filter = 3, int filters = 16) => new(filter, filter, filters, 1, 1, 1, 1, 4, 1, 4);

    /// <summary>Architecture JSON of the task's layer count, inside the task's space.</summary>
    public static string Architecture(int filter = 3, int filters = 16) =>
        ArchitectureJson.Write(new Architecture([Layer(filter, filters), Layer(1, 8)]));

    /// <summary>Commits a model for a participant in the training phase (or at <paramref name="at"/>).</summary>
    public static CommitmentRecord Commit(HeightLedger ledger, string participant, string model, DateTimeOffset? at = null) =>
        ledger.Commit(participant, Commitment.Of(Model(model), participant), at ?? Training);

    /// <summary>The honest reveal of a model committed by a participant.</summary>
    public static Reveal RevealOf(string participant, string model, double accuracy, string? architecture = null) =>
        new(Height, participant, Commitment.Of(Model(model), participant), Commitment.ModelSha256(Model(model)), architecture ?? Architecture(), accuracy);

    /// <summary>Commits in training and reveals in validation; returns the claim.</summary>
    public static Claim CommitAndReveal(HeightLedger ledger, string participant, string model, double accuracy, DateTimeOffset? committedAt = null)
    {
        Commit(ledger, participant, model, committedAt);
        return ledger.Reveal(RevealOf(participant, model, accuracy), Model(model), Validation);
    }

    /// <summary>Everything the ledger records, as text, to show that a refused call changed nothing.</summary>
    public static string State(HeightLedger ledger) =>
        string.Join(
            "\n",
            $"task {ledger.Task}",
            $"split {ledger.TestSplit}",
            $"commitments {string.Join("; ", ledger.Commitments)}",
            $"claims {string.Join("; ", ledger.Claims)}",
            $"discarded {string.Join("; ", ledger.Discarded)}",
            $"winner {ledger.Winner} {ledger.WinnerAccuracy}");

    /// <summary>Runs a call that must be refused for <paramref name="reason"/>, and checks that the ledger did not change.</summary>
    public static ChainRefusedException Refused(HeightLedger ledger, ChainRefusal reason, Action call)
    {
        var before = State(ledger);
        var refusal = Assert.Throws<ChainRefusedException>(call);
        Assert.Equal(reason, refusal.Reason);
        Assert.Equal(before, State(ledger));
        return refusal;
    }
}
