namespace PoNasOrleans.Grains.Storage;

/// <summary>
/// Where models and checkpoints live: one name per (block, subspace, miner, sequence), issued by the pool in the
/// work item, so a miner can neither pick a path nor write over another miner's blob.
/// </summary>
public static class BlobNames
{
    /// <summary>The container of trained models.</summary>
    public const string Models = "models";

    /// <summary>The container of controller checkpoints.</summary>
    public const string Checkpoints = "checkpoints";

    /// <summary>The devnet chain's container: models revealed on the chain, under their content address, for validators.</summary>
    public const string Chain = "chain";

    /// <summary>The model of an episode.</summary>
    public static string Model(long height, string subspace, string minerId, long sequence) => $"{height}/{subspace}/{minerId}/{sequence:D6}.pt";

    /// <summary>The controller checkpoint after an exploration episode.</summary>
    public static string Checkpoint(long height, string subspace, string minerId, long sequence) => $"{height}/{subspace}/{minerId}/{sequence:D6}.ckpt";

    /// <summary>A model revealed on the devnet chain, named by the SHA-256 of its bytes (64 lowercase hex digits, checked by the chain).</summary>
    public static string RevealedModel(string modelSha256) => $"models/{modelSha256}";
}
