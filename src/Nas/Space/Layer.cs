namespace PoNasOrleans.Nas.Space;

/// <summary>One convolutional layer of a child network: the ten hyperparameter values.</summary>
public readonly record struct Layer(
    int FilterHeight,
    int FilterWidth,
    int NumFilters,
    int StrideHeight,
    int StrideWidth,
    int PoolSize,
    int ActNumIntBits,
    int ActNumFracBits,
    int WeightNumIntBits,
    int WeightNumFracBits)
{
    /// <summary>The value of one hyperparameter.</summary>
    public int this[Hyperparameter hyperparameter] => hyperparameter switch
    {
        Hyperparameter.FilterHeight => FilterHeight,
        Hyperparameter.FilterWidth => FilterWidth,
        Hyperparameter.NumFilters => NumFilters,
        Hyperparameter.StrideHeight => StrideHeight,
        Hyperparameter.StrideWidth => StrideWidth,
        Hyperparameter.PoolSize => PoolSize,
        Hyperparameter.ActNumIntBits => ActNumIntBits,
        Hyperparameter.ActNumFracBits => ActNumFracBits,
        Hyperparameter.WeightNumIntBits => WeightNumIntBits,
        Hyperparameter.WeightNumFracBits => WeightNumFracBits,
        _ => throw new ArgumentOutOfRangeException(nameof(hyperparameter), hyperparameter, "unknown hyperparameter"),
    };

    /// <summary>Builds a layer from ten values in the paper's order.</summary>
    public static Layer FromValues(ReadOnlySpan<int> values)
    {
        if (values.Length != Hyperparameters.Count)
        {
            throw new ArgumentException($"a layer has {Hyperparameters.Count} hyperparameters, got {values.Length} values", nameof(values));
        }

        return new Layer(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9]);
    }

    /// <summary>This layer with one hyperparameter set to another value.</summary>
    public Layer With(Hyperparameter hyperparameter, int value)
    {
        Span<int> values = stackalloc int[Hyperparameters.Count];
        foreach (var each in Hyperparameters.All)
        {
            values[(int)each] = each == hyperparameter ? value : this[each];
        }

        return FromValues(values);
    }
}
