using PoNasOrleans.Grains.Interfaces.Miners;
using PoNasOrleans.Grains.Interfaces.Subspaces;
using PoNasOrleans.Grains.Storage;

namespace PoNasOrleans.Grains.Miners;

/// <summary>The warm standby: a backup learns, with each heartbeat, the latest checkpoint of the subspace it may take over.</summary>
public sealed partial class MinerGrain
{
    /// <inheritdoc />
    public async Task Standby(long height, string? subspace)
    {
        var standby = subspace is null ? null : $"{height}/{subspace}";
        if (standby != state.State.Standby)
        {
            state.State.Standby = standby;
            await Store();
        }
    }

    /// <summary>The heartbeat's receipt, with the standby's subspace and its latest checkpoint while the miner is a backup that does not explore it yet.</summary>
    private async Task<HeartbeatReceipt> Acknowledge()
    {
        var receipt = new HeartbeatReceipt(state.State.LastSequence, state.State.LastHeartbeat!.Value, state.State.Heartbeats);
        if (state.State.Standby is not { } standby || standby == state.State.Assignment
            || await GrainFactory.GetGrain<ISubspaceGrain>(standby).Describe() is not { } subspace)
        {
            return receipt;
        }

        var link = subspace.Checkpoint is { } checkpoint ? await blobs.ReadLink(BlobNames.Checkpoints, checkpoint.Name, pool.LinkLifetime) : null;
        return receipt with { Standby = new StandbyNotice(subspace.Height, subspace.Name, subspace.Checkpoint, link) };
    }
}
