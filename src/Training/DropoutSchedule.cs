namespace PoNasOrleans.Training;

/// <summary>
/// Dropout probability after each convolutional layer, by 0-based layer index. The reference lists
/// 0, 0.2, 0, 0.3, 0, 0.4, 0, 0, 0.5, 0, 0, 0.5, 0, 0, 0.5, 0, 0, 0.5 (18 layers); from index 8 on that is 0.5 after
/// every third layer, and this schedule continues the same way beyond 18 layers (0.5 at 8, 11, 14, 17, 20, …,
/// 0 elsewhere). The head's dropout is <see cref="Head"/>.
/// </summary>
public static class DropoutSchedule
{
    /// <summary>Dropout between the two linear layers of the head.</summary>
    public const double Head = 0.5;

    private static readonly double[] FirstLayers = [0, 0.2, 0, 0.3, 0, 0.4, 0, 0];

    /// <summary>The dropout probability after layer <paramref name="index"/> (0-based).</summary>
    public static double ForLayer(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < FirstLayers.Length)
        {
            return FirstLayers[index];
        }

        return (index - FirstLayers.Length) % 3 == 0 ? 0.5 : 0.0;
    }
}
