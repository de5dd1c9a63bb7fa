namespace PoNasOrleans.Nas.Space;

/// <summary>The ten hyperparameters of one convolutional layer, in the order of the paper (section 4.1.4).</summary>
public enum Hyperparameter
{
    FilterHeight,
    FilterWidth,
    NumFilters,
    StrideHeight,
    StrideWidth,
    PoolSize,
    ActNumIntBits,
    ActNumFracBits,
    WeightNumIntBits,
    WeightNumFracBits,
}
