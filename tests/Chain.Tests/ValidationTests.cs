using static PoNasOrleans.Chain.Tests.TestChain;

namespace PoNasOrleans.Chain.Tests;

public class ValidationTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void Claims_are_judged_by_decreasing_claimed_accuracy_then_earlier_commitment_then_participant_id()
    {
        var ledger = Open();
        var at = Training;

        // commit order: carol, bob and alice at the same instant, dave later; reveal order differs
        Commit(ledger, "carol", "c", at);
        Commit(ledger, "bob", "b", at);
        Commit(ledger, "alice", "a", at);
        Commit(ledger, "dave", "d", at.AddSeconds(1));
        Commit(ledger, "erin", "e", at.AddSeconds(2));
        ledger.Reveal(RevealOf("dave", "d", 0.9), Model("d"), Validation);
        ledger.Reveal(RevealOf("erin", "e", 0.5), Model("e"), Validation);
        ledger.Reveal(RevealOf("alice", "a", 0.9), Model("a"), Validation);
        ledger.Reveal(RevealOf("carol", "c", 0.9), Model("c"), Validation);
        ledger.Reveal(RevealOf("bob", "b", 0.95), Model("b"), Validation);

        Assert.Equal(["bob", "alice", "carol", "dave", "erin"], ledger.PendingClaims().Select(c => c.Reveal.Participant));
        Assert.Equal("bob", ledger.NextClaim()!.Reveal.Participant);
    }

    [Fact]
    public void An_earlier_commitment_goes_first_even_from_a_later_participant_id()
    {
        var ledger = Open();
        Commit(ledger, "zed", "z", Training);
        Commit(ledger, "amy", "a", Training.AddTicks(1));
        ledger.Reveal(RevealOf("amy", "a", 0.7), Model("a"), Validation);
        ledger.Reveal(RevealOf("zed", "z", 0.7), Model("z"), Validation);
        Assert.Equal(["zed", "amy"], ledger.PendingClaims().Select(c => c.Reveal.Participant));
    }

    [Fact]
    public void A_dishonest_claim_above_the_truth_is_discarded_and_the_next_honest_claim_wins()
    {
        var ledger = Open();
        var liar = CommitAndReveal(ledger, "mallory", "fake", 0.99);
        var honest = CommitAndReveal(ledger, "alice", "real", 0.82);
        CommitAndReveal(ledger, "bob", "weaker", 0.75);

        Assert.Equal(liar, ledger.NextClaim());
        Assert.Equal(ClaimVerdict.Discarded, ledger.Judge(liar, 0.41, Judging));
        Assert.Null(ledger.OutcomeAt(Judging));
        Assert.Equal(honest, ledger.NextClaim());
        Assert.Equal(ClaimVerdict.Confirmed, ledger.Judge(honest, 0.8195, Judging));

        var outcome = ledger.OutcomeAt(Judging)!;
        Assert.Equal(Height, outcome.Height);
        Assert.Equal("alice", outcome.Winner);
        Assert.Equal(honest.Commitment.Hash, outcome.WinningCommitment);
        Assert.Equal(0.8195, outcome.MeasuredAccuracy);
        Assert.Equal([new DiscardedClaim("mallory", liar.Commitment.Hash, 0.99, 0.41)], outcome.Discarded.AsEnumerable());
        Assert.Null(ledger.NextClaim());
        Assert.Empty(ledger.PendingClaims());
    }

    [Fact]
    public void When_every_claim_fails_the_height_ends_without_a_winner()
    {
        var ledger = Open();
        CommitAndReveal(ledger, "alice", "a", 0.9);
        CommitAndReveal(ledger, "bob", "b", 0.8);
        Assert.Equal(ClaimVerdict.Discarded, ledger.Judge(ledger.NextClaim()!, 0.5, Judging));
        Assert.Equal(ClaimVerdict.Discarded, ledger.Judge(ledger.NextClaim()!, 0.9, Judging));

        var outcome = ledger.OutcomeAt(Judging)!;
        Assert.Null(outcome.Winner);
        Assert.Null(outcome.WinningCommitment);
        Assert.Null(outcome.MeasuredAccuracy);
        Assert.Equal(["alice", "bob"], outcome.Discarded.Select(d => d.Participant));
        Refused(ledger, ChainRefusal.HeightDecided, () => ledger.Judge(ledger.Claims[0], 0.9, Judging));
    }

    [Fact]
    public void A_height_without_reveals_is_decided_without_a_winner_at_the_validation_deadline()
    {
        var ledger = Open();
        Commit(ledger, "alice", "a");
        Assert.Null(ledger.OutcomeAt(ValidationDeadline - Tick));
        Assert.Equal(new HeightOutcome(Height, null, null, null, []), ledger.OutcomeAt(ValidationDeadline), new OutcomeComparer());
        Assert.Null(new HeightLedger().OutcomeAt(Judging));
    }

    [Fact]
    public void The_outcome_is_undecided_until_a_claim_is_judged()
    {
        var ledger = Open();
        CommitAndReveal(ledger, "alice", "a", 0.9);
        Assert.Null(ledger.OutcomeAt(Validation));
        Assert.Null(ledger.OutcomeAt(Judging));
    }

    [Theory]
    [InlineData(0.75, 0.0625, 0.6875, ClaimVerdict.Confirmed)] // exactly the tolerance below (binary-exact values)
    [InlineData(0.75, 0.0625, 0.8125, ClaimVerdict.Confirmed)] // exactly the tolerance above
    [InlineData(0.75, 0.0625, 0.68749999, ClaimVerdict.Discarded)]
    [InlineData(0.75, 0.0625, 0.81250001, ClaimVerdict.Discarded)]
    [InlineData(0.8, 0.01, 0.79, ClaimVerdict.Confirmed)] // decimal edge: 0.8 − 0.79 is 0.010000000000000009 in doubles
    [InlineData(0.8, 0.01, 0.81, ClaimVerdict.Confirmed)]
    [InlineData(0.8, 0.01, 0.7899999, ClaimVerdict.Discarded)]
    [InlineData(0.8, 0.0, 0.8, ClaimVerdict.Confirmed)] // zero tolerance: only the exact claim holds
    [InlineData(0.8, 0.0, 0.8000001, ClaimVerdict.Discarded)]
    [InlineData(1.0, 0.01, 0.0, ClaimVerdict.Discarded)]
    public void A_claim_holds_when_the_measured_accuracy_is_within_the_tolerance_edges_included(double claimed, double tolerance, double measured, ClaimVerdict expected)
    {
        Assert.Equal(expected, JudgeOnce(claimed, tolerance, measured));
    }

    [Fact]
    public void The_rule_is_at_most_tolerance_plus_rounding_slack_exactly()
    {
        // 0.125 − (0.0625 + slack) and back are exact in doubles (Sterbenz), so the edge is hit exactly
        var allowed = 0.0625 + HeightLedger.RoundingSlack;
        Assert.Equal(ClaimVerdict.Confirmed, JudgeOnce(0.125, 0.0625, 0.125 - allowed));
        Assert.Equal(ClaimVerdict.Discarded, JudgeOnce(0.125, 0.0625, 0.125 - Math.BitIncrement(allowed)));
    }

    [Fact]
    public void Judging_before_the_validation_deadline_is_refused_and_allowed_at_it()
    {
        var ledger = Open();
        var claim = CommitAndReveal(ledger, "alice", "a", 0.9);
        Refused(ledger, ChainRefusal.RevealsOpen, () => ledger.Judge(claim, 0.9, ValidationDeadline - Tick));
        Assert.Equal(ClaimVerdict.Confirmed, ledger.Judge(claim, 0.9, ValidationDeadline));
    }

    [Fact]
    public void Only_the_next_claim_may_be_judged()
    {
        var ledger = Open();
        CommitAndReveal(ledger, "alice", "a", 0.9);
        var second = CommitAndReveal(ledger, "bob", "b", 0.8);
        var refusal = Refused(ledger, ChainRefusal.NotNextClaim, () => ledger.Judge(second, 0.8, Judging));
        Assert.Contains("is not the next to judge", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_already_discarded_cannot_be_judged_again()
    {
        var ledger = Open();
        var first = CommitAndReveal(ledger, "alice", "a", 0.9);
        CommitAndReveal(ledger, "bob", "b", 0.8);
        ledger.Judge(first, 0.1, Judging);
        Refused(ledger, ChainRefusal.NotNextClaim, () => ledger.Judge(first, 0.9, Judging));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void A_measured_accuracy_outside_zero_to_one_is_refused(double measured)
    {
        var ledger = Open();
        var claim = CommitAndReveal(ledger, "alice", "a", 0.9);
        Refused(ledger, ChainRefusal.AccuracyOutOfRange, () => ledger.Judge(claim, measured, Judging));
    }

    [Fact]
    public void Once_a_winner_is_confirmed_no_more_judging()
    {
        var ledger = Open();
        var first = CommitAndReveal(ledger, "alice", "a", 0.9);
        var second = CommitAndReveal(ledger, "bob", "b", 0.8);
        ledger.Judge(first, 0.9, Judging);
        Refused(ledger, ChainRefusal.HeightDecided, () => ledger.Judge(second, 0.8, Judging));
        Refused(ledger, ChainRefusal.HeightDecided, () => ledger.Judge(first, 0.9, Judging));
    }

    [Fact]
    public void Judging_a_height_without_a_task_is_refused()
    {
        var ledger = Open();
        var claim = CommitAndReveal(ledger, "alice", "a", 0.9);
        var empty = new HeightLedger();
        Refused(empty, ChainRefusal.UnknownHeight, () => empty.Judge(claim, 0.9, Judging));
    }

    [Fact]
    public void The_same_calls_give_the_same_outcome()
    {
        static HeightOutcome Run()
        {
            var ledger = Open();
            CommitAndReveal(ledger, "carol", "c", 0.8, Training);
            CommitAndReveal(ledger, "bob", "b", 0.8, Training);
            CommitAndReveal(ledger, "alice", "a", 0.95, Training.AddSeconds(1));
            while (ledger.NextClaim() is { } claim)
            {
                ledger.Judge(claim, claim.Reveal.Participant == "carol" ? 0.8 : 0.5, Judging);
            }

            return ledger.OutcomeAt(Judging)!;
        }

        var first = Run();
        Assert.Equal(first, Run(), new OutcomeComparer());
        Assert.Equal("carol", first.Winner);
        Assert.Equal(["alice", "bob"], first.Discarded.Select(d => d.Participant));
    }

    private static ClaimVerdict JudgeOnce(double claimed, double tolerance, double measured)
    {
        var ledger = Open(DevnetTask with { AccuracyTolerance = tolerance });
        var claim = CommitAndReveal(ledger, "alice", "a", claimed);
        return ledger.Judge(claim, measured, Judging);
    }

    /// <summary>Outcomes compared by value, discarded claims included (records compare arrays by reference).</summary>
    private sealed class OutcomeComparer : IEqualityComparer<HeightOutcome?>
    {
        public bool Equals(HeightOutcome? x, HeightOutcome? y) =>
            x is not null && y is not null
            && x.Height == y.Height && x.Winner == y.Winner && x.WinningCommitment == y.WinningCommitment
            && x.MeasuredAccuracy == y.MeasuredAccuracy && x.Discarded.SequenceEqual(y.Discarded);

        public int GetHashCode(HeightOutcome? obj) => obj?.Height.GetHashCode() ?? 0;
    }
}
