using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.Grains.Tests;

[Collection(SharedPoolCluster.Name)]
public sealed class MinerGrainTests(PoolCluster pool)
{
    private static readonly MinerProfile Gpu = new("rig 7", "cuda");

    private IMinerGrain NewMiner() => pool.Operator.GetGrain<IMinerGrain>($"miner-{Guid.NewGuid():N}");

    [Fact]
    public async Task Registration_issues_a_credential_once()
    {
        var miner = NewMiner();
        var credential = await miner.Register(Gpu);
        Assert.Equal(miner.GetPrimaryKeyString(), credential.MinerId);
        Assert.True(Convert.FromBase64String(credential.Secret).Length >= 32);
        Assert.DoesNotContain(credential.Secret, credential.ToString(), StringComparison.Ordinal);

        var again = await Assert.ThrowsAsync<MinerRefusedException>(() => miner.Register(Gpu));
        Assert.Contains("is already registered", again.Message, StringComparison.Ordinal);
        var summary = await miner.Describe();
        Assert.True(summary.Registered);
        Assert.Equal(Gpu, summary.Profile);
        Assert.Equal(1, summary.RefusedCalls);
    }

    [Theory]
    [InlineData("", "cpu", "the display name must be 1–64 printable characters")]
    [InlineData("bad\nname", "cpu", "the display name must be 1–64 printable characters")]
    [InlineData("rig", "tpu", "the device must be 'cpu' or 'cuda', not 'tpu'")]
    public async Task A_bad_profile_is_refused_and_registers_nothing(string name, string device, string expected)
    {
        var miner = NewMiner();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => miner.Register(new MinerProfile(name, device)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False((await miner.Describe()).Registered);
    }

    [Fact]
    public async Task Heartbeats_are_stored_and_a_retry_counts_once()
    {
        var miner = NewMiner();
        var credential = await miner.Register(Gpu);
        var first = await miner.Heartbeat(credential.Secret, 1);
        var retry = await miner.Heartbeat(credential.Secret, 1);
        var second = await miner.Heartbeat(credential.Secret, 2);
        Assert.Equal(first, retry);
        Assert.Equal(1, first.Heartbeats);
        Assert.Equal(2, second.Heartbeats);
        var summary = await miner.Describe();
        Assert.Equal(2, summary.Heartbeats);
        Assert.Equal(second.ReceivedAt, summary.LastHeartbeat);
    }

    [Fact]
    public async Task An_older_heartbeat_is_refused_and_changes_nothing()
    {
        var miner = NewMiner();
        var credential = await miner.Register(Gpu);
        await miner.Heartbeat(credential.Secret, 5);
        var error = await Assert.ThrowsAsync<MinerRefusedException>(() => miner.Heartbeat(credential.Secret, 4));
        Assert.Contains("heartbeat 4 is older than the last one (5)", error.Message, StringComparison.Ordinal);
        var summary = await miner.Describe();
        Assert.Equal(1, summary.Heartbeats);
        Assert.Equal(1, summary.RefusedCalls);
    }

    [Fact]
    public async Task A_miner_cannot_act_for_another()
    {
        var alice = NewMiner();
        var bob = NewMiner();
        var aliceCredential = await alice.Register(Gpu);
        await bob.Register(new MinerProfile("bob", "cpu"));
        var error = await Assert.ThrowsAsync<MinerRefusedException>(() => bob.Heartbeat(aliceCredential.Secret, 1));
        Assert.Contains("the credential is not this miner's", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MinerRefusedException>(() => bob.Heartbeat(string.Empty, 1));
        var summary = await bob.Describe();
        Assert.Equal(0, summary.Heartbeats);
        Assert.Null(summary.LastHeartbeat);
        Assert.Equal(2, summary.RefusedCalls);
    }

    [Fact]
    public async Task Registration_and_heartbeats_survive_deactivation()
    {
        var miner = NewMiner();
        var credential = await miner.Register(Gpu);
        await miner.Heartbeat(credential.Secret, 1);
        await pool.Operator.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var summary = await miner.Describe();
        Assert.True(summary.Registered);
        Assert.Equal(1, summary.Heartbeats);
        Assert.Equal(2, (await miner.Heartbeat(credential.Secret, 2)).Heartbeats);
    }

    [Fact]
    public async Task Heartbeats_between_stores_are_counted_in_memory_and_a_failure_forgets_only_those()
    {
        var miner = NewMiner();
        var credential = await miner.Register(Gpu);
        await miner.Heartbeat(credential.Secret, 1); // stored: the miner was silent
        await miner.Heartbeat(credential.Secret, 2); // within a minute of the stored one: in memory only
        Assert.Equal(2, (await miner.Describe()).Heartbeats);
        await pool.Operator.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var summary = await miner.Describe();
        Assert.Equal(1, summary.Heartbeats);
        Assert.Equal(MinerStatus.Active, summary.Status);
        Assert.Equal(2, (await miner.Heartbeat(credential.Secret, 2)).Heartbeats);
    }

    [Fact]
    public async Task An_unregistered_miner_is_refused()
    {
        var error = await Assert.ThrowsAsync<MinerRefusedException>(() => NewMiner().Heartbeat("anything", 1));
        Assert.Contains("is not registered", error.Message, StringComparison.Ordinal);
    }
}
