using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;
using PoNasOrleans.Grains.Interfaces.Miners;

namespace PoNasOrleans.Grains.Tests.Chain;

/// <summary>Agents reach the devnet only as validators through their own miner grain, with their own credential.</summary>
[Collection(SharedPoolCluster.Name)]
public sealed class ValidatorGateTests(PoolCluster pool)
{
    private readonly ChainScenario chain = new(pool);

    [Fact]
    public async Task Agents_cannot_call_the_chains_grains_and_validator_calls_need_the_miners_own_credential()
    {
        var task = ChainScenario.Task(ChainScenario.NextHeight(), DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<IHeightGrain>(task.Height).Open(task, ChainScenario.TestSplit));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<IHeightGrain>(task.Height).Judge(new string('a', 64), 0.5));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<IDevnetGrain>(IDevnetGrain.Key).Advance());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => pool.Agent.GetGrain<IDevnetGrain>(IDevnetGrain.Key).PullClaim());
        Assert.Null(await chain.Height(task.Height).Describe());

        var alice = await chain.Validator();
        var bob = await chain.Validator();
        var stolen = await Assert.ThrowsAsync<MinerRefusedException>(() => bob.Grain.PullClaim(alice.Secret));
        Assert.Contains("the credential is not this miner's", stolen.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MinerRefusedException>(() => bob.Grain.SubmitMeasurement(alice.Secret, task.Height, new string('a', 64), 0.5));
        await Assert.ThrowsAsync<MinerRefusedException>(() => pool.Agent.GetGrain<IMinerGrain>($"nobody-{Guid.NewGuid():N}").PullClaim("anything"));
        Assert.Equal(2, (await pool.Operator.GetGrain<IMinerGrain>(bob.Id).Describe()).RefusedCalls);

        // with its own credential, the chain's refusal arrives with its reason
        var unknown = await Assert.ThrowsAsync<ChainRefusedException>(() => bob.Grain.SubmitMeasurement(bob.Secret, task.Height, new string('a', 64), 0.5));
        Assert.Equal(ChainRefusal.UnknownHeight, unknown.Reason);
        Assert.Equal(3, (await pool.Operator.GetGrain<IMinerGrain>(bob.Id).Describe()).RefusedCalls);
    }
}
