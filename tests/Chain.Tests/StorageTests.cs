using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using static PoNasOrleans.Chain.Tests.TestChain;

namespace PoNasOrleans.Chain.Tests;

/// <summary>The ledger survives Orleans' wire serializer and the JSON grain storage serializer (the Azure Table default), and its rules hold after.</summary>
public sealed class StorageTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(HeightLedger).Assembly))
        .AddSingleton<OrleansJsonSerializer>()
        .AddSingleton<IGrainStorageSerializer, JsonGrainStorageSerializer>()
        .BuildServiceProvider();

    public void Dispose() => services.Dispose();

    /// <summary>A ledger mid-judging: a discarded liar, an honest claim pending.</summary>
    private static HeightLedger MidJudging()
    {
        var ledger = Open();
        var liar = CommitAndReveal(ledger, "mallory", "fake", 0.99);
        CommitAndReveal(ledger, "alice", "real", 0.82);
        Commit(ledger, "bob", "unrevealed");
        ledger.Judge(liar, 0.4, Judging);
        return ledger;
    }

    [Fact]
    public void The_wire_serializer_round_trips_the_ledger()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var ledger = MidJudging();
        var copy = serializer.Deserialize<HeightLedger>(serializer.SerializeToArray(ledger));
        AssertSameAndStillJudging(ledger, copy!);
    }

    [Fact]
    public void The_json_storage_serializer_round_trips_the_ledger()
    {
        var storage = services.GetRequiredService<IGrainStorageSerializer>();
        var ledger = MidJudging();
        var copy = storage.Deserialize<HeightLedger>(storage.Serialize(ledger));
        AssertSameAndStillJudging(ledger, copy!);
    }

    [Fact]
    public void A_refusal_crosses_the_wire_with_its_reason()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var refusal = new ChainRefusedException(ChainRefusal.DuplicateReveal, "commitment 00 was already revealed");
        var copy = serializer.Deserialize<ChainRefusedException>(serializer.SerializeToArray(refusal));
        Assert.Equal(ChainRefusal.DuplicateReveal, copy!.Reason);
        Assert.Equal(refusal.Message, copy.Message);
    }

    private static void AssertSameAndStillJudging(HeightLedger ledger, HeightLedger copy)
    {
        Assert.Equal(State(ledger), State(copy));
        Assert.Equal(ledger.NextClaim(), copy.NextClaim());
        Assert.Equal(ClaimVerdict.Confirmed, copy.Judge(copy.NextClaim()!, 0.82, Judging));
        Assert.Equal("alice", copy.OutcomeAt(Judging)!.Winner);
        Refused(copy, ChainRefusal.DuplicateCommitment, () => Commit(copy, "bob", "unrevealed"));
    }
}
