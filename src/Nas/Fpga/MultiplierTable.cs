namespace PoNasOrleans.Nas.Fpga;

/// <summary>
/// MULT[a][b]: the measured LUTs of one multiplier of an a-integer-bit input by a b-bit weight, defined for
/// 1 ≤ a ≤ b ≤ 14 and 0 everywhere else.
/// </summary>
public sealed class MultiplierTable
{
    /// <summary>The largest bit width in the table.</summary>
    public const int MaxBits = 14;

    // Row a lists b = a … 14, as measured by the reference (ND-SCL/NAQS fpga/qce.py).
    private static readonly int[][] MeasuredRows =
    [
        [1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        [4, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38, 41, 44],
        [17, 21, 26, 32, 36, 41, 46, 51, 56, 61, 66, 71],
        [29, 34, 39, 44, 49, 54, 59, 64, 69, 74, 79],
        [41, 47, 53, 59, 65, 73, 79, 85, 91, 97],
        [58, 65, 72, 79, 86, 93, 100, 107, 114],
        [74, 82, 92, 100, 108, 116, 124, 132],
        [95, 104, 113, 122, 131, 42, 149],
        [118, 128, 138, 148, 158, 168],
        [140, 152, 163, 174, 185],
        [167, 179, 191, 204],
        [195, 208, 221],
        [224, 238],
        [255],
    ];

    private readonly int[,] luts = new int[MaxBits + 1, MaxBits + 1];

    private MultiplierTable(int mult8x13)
    {
        for (var a = 1; a <= MaxBits; a++)
        {
            for (var b = a; b <= MaxBits; b++)
            {
                luts[a, b] = MeasuredRows[a - 1][b - a];
            }
        }

        luts[8, 13] = mult8x13;
    }

    /// <summary>The table exactly as the reference has it, MULT[8][13] = 42 (very likely a typo).</summary>
    public static MultiplierTable Reference { get; } = new(42);

    /// <summary>The table with MULT[8][13] corrected to 140 (between its neighbours 131 and 149).</summary>
    public static MultiplierTable Corrected { get; } = new(140);

    /// <summary>MULT[a][b] for <paramref name="inputIntBits"/> = a and <paramref name="weightBits"/> = b;
    /// 0 outside 1 ≤ a ≤ b ≤ 14.</summary>
    public int this[int inputIntBits, int weightBits] =>
        inputIntBits >= 1 && inputIntBits <= weightBits && weightBits <= MaxBits ? luts[inputIntBits, weightBits] : 0;
}
