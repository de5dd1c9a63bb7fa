using PoNasOrleans.Nas.Fpga;

namespace PoNasOrleans.Nas.Tests.Fpga;

public class ParetoSweepTests
{
    [Fact]
    public void A_sweep_keeps_the_front_and_lets_an_equal_first_key_replace_the_best()
    {
        // (lastLuts, cycles) in order of creation; sorted by lastLuts: 3 (5,200), 0 (10,100), 1 (10,90), 2 (20,80), 4 (20,85)
        var children = Children((10, 100, 0), (10, 90, 0), (20, 80, 0), (5, 200, 0), (20, 85, 0));
        var kept = new bool[children.Length];

        GroupSearch.Sweep(children, kept, SweepKey.LastLuts, SweepKey.Cycles);

        // 0 is replaced by 1 (same lastLuts, fewer cycles); 4 is skipped (not below 2's cycles)
        Assert.Equal([false, true, true, true, false], kept);
        Assert.Equal([3, 0, 1, 2, 4], children.Select(child => child.Creation));
    }

    [Fact]
    public void A_sweep_sorts_stably_so_of_two_equal_children_the_earlier_in_the_previous_order_survives()
    {
        // 0 and 1 tie on lastLuts and cycles; a sweep by earlier cycles (50, 40, 90) puts 1 before 0
        var children = Children((7, 50, 0), (7, 50, 10), (3, 90, 0));
        GroupSearch.Sweep(children, new bool[children.Length], SweepKey.EarlierCycles, SweepKey.LastLuts);
        Assert.Equal([1, 0, 2], children.Select(child => child.Creation));

        var kept = new bool[children.Length];
        GroupSearch.Sweep(children, kept, SweepKey.LastLuts, SweepKey.Cycles);

        Assert.Equal([2, 1, 0], children.Select(child => child.Creation));
        Assert.Equal([false, true, true], kept);
    }

    private static PartialSolution[] Children(params (long LastLuts, long Cycles, long LastCycles)[] children) =>
        [.. children.Select((child, creation) => new PartialSolution(child.LastLuts, child.Cycles, child.LastLuts, child.LastCycles, -1) { Creation = creation })];
}
