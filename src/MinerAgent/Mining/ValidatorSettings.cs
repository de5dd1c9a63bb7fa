using PoNasOrleans.Training;

namespace PoNasOrleans.MinerAgent.Mining;

/// <summary>The settings of the agent in the devnet's validator role (<c>ponas validate</c>).</summary>
/// <param name="MinerId">Its id in the pool.</param>
/// <param name="Credential">Its pool-issued credential.</param>
/// <param name="Idle">How long to wait before pulling again when there is no claim to judge (or one failed).</param>
/// <param name="Once">Judge at most one claim, then stop.</param>
/// <param name="Quantization">Quantization mode of the measured networks.</param>
/// <param name="Runtime">Device and threads of libtorch.</param>
/// <param name="StorageConnection">Connection string for a test split given as <c>blob:CONTAINER/FOLDER</c>, if any.</param>
internal sealed record ValidatorSettings(
    string MinerId,
    string Credential,
    TimeSpan Idle,
    bool Once,
    QuantizationMode Quantization,
    TorchRuntimeOptions Runtime,
    string? StorageConnection);
