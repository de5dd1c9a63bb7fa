using static PoNasOrleans.Chain.Tests.TestChain;

namespace PoNasOrleans.Chain.Tests;

public class ChainTaskTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void Each_deadline_opens_the_next_phase_at_its_exact_instant()
    {
        Assert.Equal(ChainPhase.Initialization, DevnetTask.PhaseAt(Published - Tick));
        Assert.Equal(ChainPhase.Training, DevnetTask.PhaseAt(Published));
        Assert.Equal(ChainPhase.Training, DevnetTask.PhaseAt(TrainingDeadline - Tick));
        Assert.Equal(ChainPhase.Validation, DevnetTask.PhaseAt(TrainingDeadline));
        Assert.Equal(ChainPhase.Validation, DevnetTask.PhaseAt(ValidationDeadline - Tick));
        Assert.Equal(ChainPhase.Confirmed, DevnetTask.PhaseAt(ValidationDeadline));
        Assert.Equal(ChainPhase.Confirmed, DevnetTask.PhaseAt(ValidationDeadline.AddDays(30)));
    }

    [Fact]
    public void Deadlines_compare_as_instants_whatever_their_offset()
    {
        var sameInstantElsewhere = TrainingDeadline.ToOffset(TimeSpan.FromHours(-5));
        Assert.Equal(ChainPhase.Validation, DevnetTask.PhaseAt(sameInstantElsewhere));
        Assert.Equal(ChainPhase.Training, DevnetTask.PhaseAt(sameInstantElsewhere - Tick));
    }

    [Fact]
    public void The_test_split_is_released_at_the_training_deadline_and_not_before()
    {
        var ledger = Open();
        Assert.Null(ledger.TestSplitAt(Published - Tick));
        Assert.Null(ledger.TestSplitAt(TrainingDeadline - Tick));
        Assert.Equal(TestSplit, ledger.TestSplitAt(TrainingDeadline));
        Assert.Equal(TestSplit, ledger.TestSplitAt(Judging));
        Assert.Null(new HeightLedger().TestSplitAt(Judging));
    }

    [Fact]
    public void A_usable_task_passes_its_check()
    {
        DevnetTask.Check();
        (DevnetTask with { FpgaModel = "naqs-2019", Layers = 32, AccuracyTolerance = 0 }).Check();
    }

    public static TheoryData<string, ChainTask> UnusableTasks() => new()
    {
        { "height", DevnetTask with { Height = 0 } },
        { "space", DevnetTask with { Space = "{\"filter_height\":[1]}" } },
        { "space", DevnetTask with { Space = "not json" } },
        { "layers", DevnetTask with { Layers = 0 } },
        { "layers", DevnetTask with { Layers = 33 } },
        { "FPGA cost model", DevnetTask with { FpgaModel = "virtex" } },
        { "LUT limit", DevnetTask with { LutLimit = 0 } },
        { "minimum throughput", DevnetTask with { MinThroughput = double.NaN } },
        { "minimum throughput", DevnetTask with { MinThroughput = 0 } },
        { "epochs", DevnetTask with { Epochs = 0 } },
        { "training data needs a location", DevnetTask with { TrainingData = DevnetTask.TrainingData with { Location = "" } } },
        { "training data's SHA-256", DevnetTask with { TrainingData = DevnetTask.TrainingData with { Sha256 = new string('A', 64) } } },
        { "training deadline", DevnetTask with { TrainingDeadline = Published } },
        { "validation deadline", DevnetTask with { ValidationDeadline = TrainingDeadline } },
        { "commitment cap", DevnetTask with { CommitmentCap = 0 } },
        { "accuracy tolerance", DevnetTask with { AccuracyTolerance = -0.001 } },
        { "accuracy tolerance", DevnetTask with { AccuracyTolerance = 1 } },
        { "accuracy tolerance", DevnetTask with { AccuracyTolerance = double.PositiveInfinity } },
    };

    [Theory]
    [MemberData(nameof(UnusableTasks))]
    public void An_unusable_task_is_refused_naming_the_field(string field, ChainTask task)
    {
        var error = Assert.ThrowsAny<ArgumentException>(task.Check);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new HeightLedger().Open(task, TestSplit));
    }

    [Fact]
    public void Opening_again_with_the_same_task_changes_nothing_and_another_task_is_refused()
    {
        var ledger = Open();
        Commit(ledger, "alice", "m1");
        var before = State(ledger);
        ledger.Open(DevnetTask with { }, TestSplit with { });
        Assert.Equal(before, State(ledger));
        Assert.Throws<InvalidOperationException>(() => ledger.Open(DevnetTask with { Epochs = 6 }, TestSplit));
        Assert.Throws<InvalidOperationException>(() => ledger.Open(DevnetTask, TestSplit with { Sha256 = new string('c', 64) }));
        Assert.Equal(before, State(ledger));
    }

    [Fact]
    public void A_malformed_test_split_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new HeightLedger().Open(DevnetTask, TestSplit with { Location = "line\nbreak" }));
        Assert.Throws<ArgumentException>(() => new HeightLedger().Open(DevnetTask, TestSplit with { Sha256 = "abc" }));
    }
}
