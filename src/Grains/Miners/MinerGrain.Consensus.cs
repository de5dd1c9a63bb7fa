using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Consensus;
using PoNasOrleans.Grains.Interfaces.Work;

namespace PoNasOrleans.Grains.Miners;

/// <summary>
/// The measuring job of a miner (docs/consensus.md): when its block has nothing else for it and the pool's
/// committed models wait to be measured on the released test split, the miner gets them, and only it may report
/// their accuracies.
/// </summary>
public sealed partial class MinerGrain
{
    /// <inheritdoc />
    public async Task ReportTestAccuracies(string credential, long height, ImmutableArray<TestAccuracy> accuracies)
    {
        await Authenticate(credential);
        try
        {
            await GrainFactory.GetGrain<IConsensusGrain>(height).RecordAccuracies(MinerId, accuracies);
        }
        catch (ArgumentException e)
        {
            await CountRefusal(Telemetry.RecentRefusals.AccuraciesRefused, e.Message);
            throw;
        }
    }

    /// <summary>The measuring job of the height for this miner when one is due, else null (also when the silo follows no chain).</summary>
    private async Task<WorkItem?> MeasureWork(long height) =>
        ServiceProvider.GetService<IChainClient>() is null ? null : await GrainFactory.GetGrain<IConsensusGrain>(height).MeasureWork(MinerId);
}
