using PoNasOrleans.Chain;
using PoNasOrleans.Grains.Interfaces.Chain;

namespace PoNasOrleans.Grains.Chain;

/// <summary>
/// <see cref="IChainClient"/> over the devnet's grains in this cluster: each height is its <see cref="IHeightGrain"/>,
/// the current one the <see cref="IDevnetGrain"/>'s. A client of a real chain replaces it; the pool sees no
/// difference. A cancelled call stops waiting for the answer; the call itself may still take effect.
/// </summary>
public sealed class DevnetChainClient(IGrainFactory grains) : IChainClient
{
    /// <inheritdoc />
    public async Task<ChainTask?> CurrentTask(CancellationToken cancellationToken = default) =>
        (await grains.GetGrain<IDevnetGrain>(IDevnetGrain.Key).Status().WaitAsync(cancellationToken)).Task;

    /// <inheritdoc />
    public async Task<ChainTask?> TaskAt(long height, CancellationToken cancellationToken = default) =>
        height < 1 ? null : (await Height(height).Describe().WaitAsync(cancellationToken))?.Task;

    /// <inheritdoc />
    public Task<CommitmentRecord> Commit(long height, string participant, string commitment, CancellationToken cancellationToken = default) =>
        Height(height).Commit(participant, commitment).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<Claim> Reveal(Reveal reveal, ReadOnlyMemory<byte> modelBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        return Height(reveal.Height).Reveal(reveal, modelBytes.ToArray()).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<DatasetRef?> TestSplit(long height, CancellationToken cancellationToken = default) =>
        Height(height).TestSplit().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<HeightOutcome?> Outcome(long height, CancellationToken cancellationToken = default) =>
        Height(height).Outcome().WaitAsync(cancellationToken);

    private IHeightGrain Height(long height) => grains.GetGrain<IHeightGrain>(height);
}
