using PoNasOrleans.Nas.Json;
using PoNasOrleans.Nas.Space;
using static PoNasOrleans.Chain.Tests.TestChain;

namespace PoNasOrleans.Chain.Tests;

public class RevealTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    /// <summary>A ledger in which alice committed m1 and bob committed m2.</summary>
    private static HeightLedger Committed()
    {
        var ledger = Open();
        Commit(ledger, "alice", "m1");
        Commit(ledger, "bob", "m2");
        return ledger;
    }

    [Fact]
    public void An_honest_reveal_becomes_a_claim_with_canonical_architecture_json()
    {
        var ledger = Committed();
        var spaced = Architecture().Replace(",", " ,\n ", StringComparison.Ordinal);
        var reveal = RevealOf("alice", "m1", 0.8125, spaced);
        var claim = ledger.Reveal(reveal, Model("m1"), Validation);
        Assert.Equal(reveal with { Architecture = Architecture() }, claim.Reveal);
        Assert.Equal(ledger.Commitments[0], claim.Commitment);
        Assert.Equal(Validation, claim.RevealedAt);
        Assert.Equal([claim], ledger.Claims);
    }

    [Fact]
    public void Reveals_are_accepted_from_the_training_deadline_to_strictly_before_the_validation_deadline()
    {
        var ledger = Committed();
        Refused(ledger, ChainRefusal.RevealOutsideValidation, () => ledger.Reveal(RevealOf("alice", "m1", 0.8), Model("m1"), TrainingDeadline - Tick));
        Refused(ledger, ChainRefusal.RevealOutsideValidation, () => ledger.Reveal(RevealOf("alice", "m1", 0.8), Model("m1"), ValidationDeadline));
        ledger.Reveal(RevealOf("alice", "m1", 0.8), Model("m1"), TrainingDeadline);
        ledger.Reveal(RevealOf("bob", "m2", 0.8), Model("m2"), ValidationDeadline - Tick);
        Assert.Equal(2, ledger.Claims.Count);
    }

    [Fact]
    public void A_reveal_for_an_unknown_height_is_refused()
    {
        var ledger = Committed();
        Refused(ledger, ChainRefusal.UnknownHeight, () => ledger.Reveal(RevealOf("alice", "m1", 0.8) with { Height = Height + 1 }, Model("m1"), Validation));
        var empty = new HeightLedger();
        Refused(empty, ChainRefusal.UnknownHeight, () => empty.Reveal(RevealOf("alice", "m1", 0.8), Model("m1"), Validation));
    }

    [Fact]
    public void A_reveal_of_another_participants_commitment_is_refused()
    {
        var ledger = Committed();
        var stolen = RevealOf("alice", "m1", 0.9) with { Participant = "bob" };
        var refusal = Refused(ledger, ChainRefusal.NotYourCommitment, () => ledger.Reveal(stolen, Model("m1"), Validation));
        Assert.Contains("belongs to another participant", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reveal_of_a_commitment_never_made_is_refused()
    {
        var ledger = Committed();
        Refused(ledger, ChainRefusal.UnknownCommitment, () => ledger.Reveal(RevealOf("alice", "m9", 0.8), Model("m9"), Validation));
    }

    [Fact]
    public void A_reveal_whose_bytes_do_not_hash_to_the_commitment_is_refused()
    {
        var ledger = Committed();

        // alice names her commitment of m1 but sends other bytes, with their correct content address
        var swapped = RevealOf("alice", "m1", 0.8) with { ModelSha256 = Commitment.ModelSha256(Model("better")) };
        var refusal = Refused(ledger, ChainRefusal.CommitmentMismatch, () => ledger.Reveal(swapped, Model("better"), Validation));
        Assert.Contains("not to the commitment", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reveal_whose_bytes_do_not_have_the_named_content_address_is_refused()
    {
        var ledger = Committed();
        var wrongAddress = RevealOf("alice", "m1", 0.8) with { ModelSha256 = Commitment.ModelSha256(Model("m2")) };
        Refused(ledger, ChainRefusal.ModelHashMismatch, () => ledger.Reveal(wrongAddress, Model("m1"), Validation));
    }

    [Fact]
    public void A_second_reveal_of_the_same_commitment_is_refused()
    {
        var ledger = Committed();
        ledger.Reveal(RevealOf("alice", "m1", 0.8), Model("m1"), Validation);
        Refused(ledger, ChainRefusal.DuplicateReveal, () => ledger.Reveal(RevealOf("alice", "m1", 0.8), Model("m1"), Validation));
        Refused(ledger, ChainRefusal.DuplicateReveal, () => ledger.Reveal(RevealOf("alice", "m1", 0.9), Model("m1"), Validation));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.0001)]
    [InlineData(1.0001)]
    public void A_claimed_accuracy_outside_zero_to_one_is_refused(double accuracy)
    {
        var ledger = Committed();
        Refused(ledger, ChainRefusal.AccuracyOutOfRange, () => ledger.Reveal(RevealOf("alice", "m1", accuracy), Model("m1"), Validation));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Claimed_accuracies_of_zero_and_one_are_accepted(double accuracy)
    {
        var ledger = Committed();
        Assert.Equal(accuracy, ledger.Reveal(RevealOf("alice", "m1", accuracy), Model("m1"), Validation).Reveal.ClaimedAccuracy);
    }

    [Fact]
    public void Malformed_ids_and_hashes_in_a_reveal_are_refused()
    {
        var ledger = Committed();
        var honest = RevealOf("alice", "m1", 0.8);
        foreach (var id in MalformedIds)
        {
            Refused(ledger, ChainRefusal.Malformed, () => ledger.Reveal(honest with { Participant = id! }, Model("m1"), Validation));
        }

        Refused(ledger, ChainRefusal.Malformed, () => ledger.Reveal(honest with { Commitment = honest.Commitment.ToUpperInvariant() }, Model("m1"), Validation));
        Refused(ledger, ChainRefusal.Malformed, () => ledger.Reveal(honest with { Commitment = null! }, Model("m1"), Validation));
        Refused(ledger, ChainRefusal.Malformed, () => ledger.Reveal(honest with { ModelSha256 = "" }, Model("m1"), Validation));
    }

    public static TheoryData<string?> UnreadableArchitectures() => new()
    {
        null,
        "",
        "{\"layers\":[",
        "[1,2,3]",
        "{\"layers\":[]}",
        "{\"layers\":[{\"filter_height\":3}]}",
        "{\"layers\":[],\"extra\":1}",
        "{\"layers\":[{\"filter_height\":99,\"filter_width\":3,\"num_filters\":16,\"stride_height\":1,\"stride_width\":1,\"pool_size\":1,\"act_num_int_bits\":1,\"act_num_frac_bits\":4,\"weight_num_int_bits\":1,\"weight_num_frac_bits\":4}]}",
        new string(' ', ArchitectureCheck.MaxJsonLength + 1),
    };

    [Theory]
    [MemberData(nameof(UnreadableArchitectures))]
    public void An_architecture_that_is_not_architecture_json_is_refused(string? json)
    {
        var ledger = Committed();
        Refused(ledger, ChainRefusal.MalformedArchitecture, () => ledger.Reveal(RevealOf("alice", "m1", 0.8) with { Architecture = json! }, Model("m1"), Validation));
    }

    [Fact]
    public void An_architecture_with_another_layer_count_is_refused()
    {
        var ledger = Committed();
        var three = ArchitectureJson.Write(new Architecture([Layer(), Layer(), Layer()]));
        var refusal = Refused(ledger, ChainRefusal.WrongLayerCount, () => ledger.Reveal(RevealOf("alice", "m1", 0.8, three), Model("m1"), Validation));
        Assert.Contains("has 3 layers, the task has 2", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_architecture_outside_the_tasks_space_is_refused_naming_layer_and_key()
    {
        var ledger = Committed();
        var outside = ArchitectureJson.Write(new Architecture([Layer(), Layer(filters: 36)]));
        var refusal = Refused(ledger, ChainRefusal.OutsideSpace, () => ledger.Reveal(RevealOf("alice", "m1", 0.8, outside), Model("m1"), Validation));
        Assert.Contains("layer 2, key 'num_filters': value 36 is not in the space {8, 16}", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_architecture_violating_the_hardware_constraints_is_refused()
    {
        var strict = DevnetTask with { MinThroughput = 1e12 };
        var ledger = Open(strict);
        Commit(ledger, "alice", "m1");
        var refusal = Refused(ledger, ChainRefusal.HardwareViolation, () => ledger.Reveal(RevealOf("alice", "m1", 0.8), Model("m1"), Validation));
        Assert.Contains("infeasible under the tiled model", refusal.Message, StringComparison.Ordinal);

        var tiny = DevnetTask with { LutLimit = 1 };
        ledger = Open(tiny);
        Commit(ledger, "alice", "m1");
        Refused(ledger, ChainRefusal.HardwareViolation, () => ledger.Reveal(RevealOf("alice", "m1", 0.8), Model("m1"), Validation));
    }

    [Fact]
    public void The_test_architectures_are_feasible_under_the_task()
    {
        // the other reveal tests rely on it: the hardware check refuses only where the constraints are tightened
        var check = new ArchitectureCheck(DevnetTask);
        foreach (var filter in new[] { 1, 3 })
        {
            foreach (var filters in new[] { 8, 16 })
            {
                Assert.Equal(Architecture(filter, filters), ArchitectureJson.Write(check.Check(Architecture(filter, filters))));
            }
        }
    }
}
