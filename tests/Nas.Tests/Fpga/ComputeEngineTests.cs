using PoNasOrleans.Nas.Fpga;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class ComputeEngineTests
{
    [Theory]
    [InlineData(1, 1, 1, 6, 1, 4, 1, 4, 23)]
    [InlineData(4, 8, 1, 4, 1, 4, 1, 4, 616)]
    [InlineData(3, 64, 1, 6, 2, 3, 2, 5, 4992)]
    [InlineData(16, 16, 3, 6, 3, 6, 4, 6, 18400)]
    [InlineData(128, 1, 0, 0, 0, 0, 0, 0, 127)]
    [InlineData(7, 9, 2, 2, 0, 6, 4, 0, 1602)]
    public void Compute_engine_matches_reference_check_values(int tn, int tm, int bii, int bif, int boi, int bof, int bwi, int bwf, long luts)
    {
        Assert.Equal(luts, ComputeEngine.Luts(tn, tm, bii, bif, boi, bof, bwi, bwf, MultiplierTable.Reference));
        Assert.Equal(luts, ComputeEngine.Luts(tn, tm, bii, bif, boi, bof, bwi, bwf, MultiplierTable.Corrected));
    }

    [Fact]
    public void Luts_scale_linearly_with_tm()
    {
        for (var tn = 1; tn <= 40; tn++)
        {
            var one = ComputeEngine.Luts(tn, 1, 2, 3, 1, 5, 3, 4, MultiplierTable.Reference);
            Assert.Equal(37 * one, ComputeEngine.Luts(tn, 37, 2, 3, 1, 5, 3, 4, MultiplierTable.Reference));
        }
    }

    [Fact]
    public void Multiplier_table_is_zero_outside_its_rows()
    {
        var table = MultiplierTable.Reference;
        Assert.Equal(1, table[1, 1]);
        Assert.Equal(16, table[1, 14]);
        Assert.Equal(255, table[14, 14]);
        Assert.Equal(0, table[0, 5]);
        Assert.Equal(0, table[6, 5]);
        Assert.Equal(0, table[1, 15]);
        Assert.Equal(0, table[15, 15]);
        Assert.Equal(42, MultiplierTable.Reference[8, 13]);
        Assert.Equal(140, MultiplierTable.Corrected[8, 13]);
        Assert.Equal(131, MultiplierTable.Corrected[8, 12]);
    }

    [Theory]
    [InlineData(0, 5, 0, 0)] // a = 0: no multiplier
    [InlineData(3, 2, 1, 1)] // a > b
    [InlineData(1, 9, 6, 9)] // b = 15 > 14
    [InlineData(2, 10, 7, 8)] // b = 15 > 14, a > 1
    public void Multipliers_outside_the_table_cost_no_luts(int bii, int bif, int bwi, int bwf)
    {
        // with Tn = 1 there is no adder tree, so LUTs are the accumulator and truncator only
        var withoutMultiplier = Accumulator(bii, bif, boi: 2, bof: 3, bwi, bwf);
        Assert.Equal(withoutMultiplier, ComputeEngine.Luts(1, 1, bii, bif, 2, 3, bwi, bwf, MultiplierTable.Reference));
        Assert.Equal(5 * withoutMultiplier, ComputeEngine.Luts(1, 5, bii, bif, 2, 3, bwi, bwf, MultiplierTable.Corrected));
    }

    [Fact]
    public void Multiplier_row_is_indexed_by_input_integer_bits_and_weight_bits()
    {
        // Bii = 2, weight bits 3 + 4 = 7: MULT[2][7] = 23 per multiplier
        var with = ComputeEngine.Luts(1, 1, 2, 5, 2, 3, 3, 4, MultiplierTable.Reference);
        Assert.Equal(23 + Accumulator(2, 5, 2, 3, 3, 4), with);
    }

    [Fact]
    public void Mult_8_13_differs_between_the_tables_by_98_per_multiplier()
    {
        var reference = ComputeEngine.Luts(4, 6, 8, 1, 3, 3, 6, 7, MultiplierTable.Reference);
        var corrected = ComputeEngine.Luts(4, 6, 8, 1, 3, 3, 6, 7, MultiplierTable.Corrected);
        Assert.Equal(98 * 4 * 6, corrected - reference);
    }

    [Theory]
    [InlineData(2, 9, 0, 0, 0)] // a < 3
    [InlineData(5, 1, 0, 0, 0)] // b < 2
    [InlineData(3, 2, 0, 0, 3)]
    [InlineData(3, 2, 1, 0, 3)]
    [InlineData(3, 2, 2, 1, 0)] // c > 1 and (c, d) = (a − 1, b − 1)
    [InlineData(7, 9, 4, 3, 10)]
    public void Truncator_follows_the_formula(int a, int b, int c, int d, long luts) =>
        Assert.Equal(luts, ComputeEngine.Truncator(a, b, c, d));

    [Fact]
    public void Cycles_are_blocks_times_window()
    {
        // ceil(48/5) · ceil(64/7) · 34 · 36 · 7 · 5
        Assert.Equal(10L * 10 * 34 * 36 * 7 * 5, ComputeEngine.Cycles(7, 5, 64, 48, 34, 36, 7, 5));
        Assert.Equal(34L * 36 * 7 * 5, ComputeEngine.Cycles(64, 48, 64, 48, 34, 36, 7, 5));
    }

    /// <summary>The accumulator and truncator of one output channel at Tn = 1, written out from the spec.</summary>
    private static long Accumulator(int bii, int bif, int boi, int bof, int bwi, int bwf)
    {
        var i = Math.Max(bii + bwi, boi);
        var f = Math.Max(bif + bwf, bof);
        return i + f + ComputeEngine.Truncator(Math.Max(i + 1, boi), Math.Max(f, bof), Math.Abs(i + 1 - boi), Math.Abs(f - bof));
    }
}
