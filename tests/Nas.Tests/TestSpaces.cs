using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests;

/// <summary>Spaces used across the tests.</summary>
internal static class TestSpaces
{
    /// <summary>The full space exactly as Table 1 prints it (before the errata widen it).</summary>
    public static SearchSpace PrintedFull { get; } = SearchSpace.Create(
    [
        [1, 3, 5, 7, 9], [1, 3, 5, 7, 9], [4, 8, 12, 24, 36, 64, 128], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5],
        [1, 2], [0, 1, 2, 3], [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4], [0, 1, 2, 3, 4, 5, 6],
    ]);

    /// <summary>A small space: 2·1·2·1·1·1·1·1·1·1 = 4 layer configurations.</summary>
    public static SearchSpace Tiny { get; } = SearchSpace.Create(
        [[1, 3], [3], [8, 16], [1], [1], [1], [1], [4], [1], [4]]);

    public static Layer Layer(int filter = 3, int filters = 36, int stride = 1, int pool = 1) =>
        new(filter, filter, filters, stride, stride, pool, 1, 4, 1, 4);
}
