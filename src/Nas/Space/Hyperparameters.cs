using System.Collections.Immutable;

namespace PoNasOrleans.Nas.Space;

/// <summary>Names, order and admissible value domains of the ten hyperparameters.</summary>
public static class Hyperparameters
{
    /// <summary>Number of hyperparameters per layer.</summary>
    public const int Count = 10;

    /// <summary>The largest number of values one hyperparameter may have in a space.</summary>
    public const int MaxValuesPerHyperparameter = 64;

    private static readonly string[] Keys =
    [
        "filter_height", "filter_width", "num_filters", "stride_height", "stride_width",
        "pool_size", "act_num_int_bits", "act_num_frac_bits", "weight_num_int_bits", "weight_num_frac_bits",
    ];

    /// <summary>All hyperparameters in the paper's order.</summary>
    public static ImmutableArray<Hyperparameter> All { get; } = [.. Enum.GetValues<Hyperparameter>()];

    /// <summary>The snake_case JSON key of a hyperparameter.</summary>
    public static string Key(this Hyperparameter hyperparameter) => Keys[(int)hyperparameter];

    /// <summary>Finds the hyperparameter of a JSON key (exact, case-sensitive).</summary>
    public static bool TryParse(string key, out Hyperparameter hyperparameter)
    {
        var index = Array.IndexOf(Keys, key);
        hyperparameter = (Hyperparameter)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The JSON keys in order, for error messages.</summary>
    public static string KeyList => string.Join(", ", Keys);

    /// <summary>
    /// Whether a value can be meant at all for this hyperparameter, whatever the space:
    /// kernels 1..32, 1..4096 filters, strides and pools 1..32, 0..16 integer or fraction bits.
    /// </summary>
    public static bool IsAdmissible(this Hyperparameter hyperparameter, int value) => hyperparameter switch
    {
        Hyperparameter.FilterHeight or Hyperparameter.FilterWidth => value is >= 1 and <= 32,
        Hyperparameter.NumFilters => value is >= 1 and <= 4096,
        Hyperparameter.StrideHeight or Hyperparameter.StrideWidth or Hyperparameter.PoolSize => value is >= 1 and <= 32,
        _ => value is >= 0 and <= 16,
    };

    /// <summary>The admissible domain in words, for error messages.</summary>
    public static string AdmissibleRange(this Hyperparameter hyperparameter) => hyperparameter switch
    {
        Hyperparameter.FilterHeight or Hyperparameter.FilterWidth => "1..32",
        Hyperparameter.NumFilters => "1..4096",
        Hyperparameter.StrideHeight or Hyperparameter.StrideWidth or Hyperparameter.PoolSize => "1..32",
        _ => "0..16",
    };
}
