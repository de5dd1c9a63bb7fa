using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;

namespace PoNasOrleans.Grains.Miners;

/// <summary>
/// The validator role of a miner on the devnet (docs/chain.md, "Devnet in the silo"): it pulls claims to judge and
/// submits the accuracy it measured, with its credential like every other call of its agent. Kept beside the
/// pool's miner logic in its own file; it changes no miner state except the count of refused calls.
/// </summary>
public sealed partial class MinerGrain
{
    /// <inheritdoc />
    public async Task<ValidatorClaim?> PullClaim(string credential)
    {
        await Authenticate(credential);
        await RequirePresent();
        return await GrainFactory.GetGrain<IDevnetGrain>(IDevnetGrain.Key).PullClaim();
    }

    /// <inheritdoc />
    public async Task<ClaimJudgement> SubmitMeasurement(string credential, long height, string commitment, double measuredAccuracy)
    {
        await Authenticate(credential);
        await RequirePresent();
        try
        {
            return await GrainFactory.GetGrain<IHeightGrain>(height).Judge(commitment, measuredAccuracy);
        }
        catch (ChainRefusedException e)
        {
            await CountRefusal(Telemetry.RecentRefusals.MeasurementRefused, $"{e.Reason}: {e.Message}");
            throw;
        }
    }
}
