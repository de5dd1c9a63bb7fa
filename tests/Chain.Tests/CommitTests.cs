using static PoNasOrleans.Chain.Tests.TestChain;

namespace PoNasOrleans.Chain.Tests;

public class CommitTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void Accepted_commitments_are_recorded_in_order_with_the_chain_clock()
    {
        var ledger = Open();
        var first = Commit(ledger, "alice", "m1", Published);
        var second = Commit(ledger, "bob", "m2", TrainingDeadline - Tick);
        Assert.Equal(new CommitmentRecord("alice", Commitment.Of(Model("m1"), "alice"), Published, 1), first);
        Assert.Equal(new CommitmentRecord("bob", Commitment.Of(Model("m2"), "bob"), TrainingDeadline - Tick, 2), second);
        Assert.Equal([first, second], ledger.Commitments);
    }

    [Fact]
    public void A_commitment_at_the_training_deadline_instant_is_refused()
    {
        var ledger = Open();
        var refusal = Refused(ledger, ChainRefusal.CommitmentOutsideTraining, () => Commit(ledger, "alice", "m1", TrainingDeadline));
        Assert.Contains("not before the training deadline", refusal.Message, StringComparison.Ordinal);
        Refused(ledger, ChainRefusal.CommitmentOutsideTraining, () => Commit(ledger, "alice", "m1", Validation));
        Refused(ledger, ChainRefusal.CommitmentOutsideTraining, () => Commit(ledger, "alice", "m1", Judging));
        Assert.Empty(ledger.Commitments);
    }

    [Fact]
    public void A_commitment_before_the_task_is_published_is_refused()
    {
        var ledger = Open();
        var refusal = Refused(ledger, ChainRefusal.CommitmentOutsideTraining, () => Commit(ledger, "alice", "m1", Published - Tick));
        Assert.Contains("before the task's publication", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commitment_to_a_height_without_a_task_is_refused()
    {
        var ledger = new HeightLedger();
        Refused(ledger, ChainRefusal.UnknownHeight, () => Commit(ledger, "alice", "m1"));
    }

    [Fact]
    public void The_cap_of_commitments_per_participant_holds_for_that_participant_only()
    {
        var ledger = Open();
        Commit(ledger, "alice", "m1");
        Commit(ledger, "alice", "m2");
        Commit(ledger, "alice", "m3");
        var refusal = Refused(ledger, ChainRefusal.CommitmentCapReached, () => Commit(ledger, "alice", "m4"));
        Assert.Contains("already has 3 commitments", refusal.Message, StringComparison.Ordinal);
        Commit(ledger, "bob", "m4");
        Assert.Equal(4, ledger.Commitments.Count);
    }

    [Fact]
    public void The_same_commitment_twice_is_refused_whoever_sends_it()
    {
        var ledger = Open();
        Commit(ledger, "alice", "m1");
        var hash = Commitment.Of(Model("m1"), "alice");
        Refused(ledger, ChainRefusal.DuplicateCommitment, () => ledger.Commit("alice", hash, Training));
        Refused(ledger, ChainRefusal.DuplicateCommitment, () => ledger.Commit("mallory", hash, Training));
    }

    [Fact]
    public void A_duplicate_is_refused_as_a_duplicate_even_at_the_cap()
    {
        var ledger = Open(DevnetTask with { CommitmentCap = 1 });
        Commit(ledger, "alice", "m1");
        Refused(ledger, ChainRefusal.DuplicateCommitment, () => Commit(ledger, "alice", "m1"));
    }

    [Fact]
    public void Malformed_participant_ids_are_refused()
    {
        var ledger = Open();
        foreach (var id in MalformedIds)
        {
            Refused(ledger, ChainRefusal.Malformed, () => ledger.Commit(id!, new string('0', 64), Training));
        }

        var longest = new string('p', ChainIds.MaxParticipantLength);
        Commit(ledger, longest, "m1");
        Commit(ledger, "mineur-é 🚀", "m1");
        Assert.Equal(2, ledger.Commitments.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("96301EA544FD3E44BC20E60F75EEF8B4F60B4BA90BF9A41E31159C41152EF811")]
    [InlineData("96301ea544fd3e44bc20e60f75eef8b4f60b4ba90bf9a41e31159c41152ef81")]
    [InlineData("96301ea544fd3e44bc20e60f75eef8b4f60b4ba90bf9a41e31159c41152ef8111")]
    [InlineData("g6301ea544fd3e44bc20e60f75eef8b4f60b4ba90bf9a41e31159c41152ef811")]
    public void Malformed_commitment_hashes_are_refused(string? hash)
    {
        var ledger = Open();
        Refused(ledger, ChainRefusal.Malformed, () => ledger.Commit("alice", hash!, Training));
    }

    [Fact]
    public void A_refusal_message_does_not_echo_long_or_unprintable_input()
    {
        var ledger = Open();
        var refusal = Refused(ledger, ChainRefusal.Malformed, () => ledger.Commit(new string('x', 5000), new string('0', 64), Training));
        Assert.Contains("of 5000 characters", refusal.Message, StringComparison.Ordinal);
        refusal = Refused(ledger, ChainRefusal.Malformed, () => ledger.Commit("evil\r\nlog line", new string('0', 64), Training));
        Assert.DoesNotContain("\n", refusal.Message, StringComparison.Ordinal);
    }
}
