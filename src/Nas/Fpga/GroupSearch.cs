using System.Collections.Immutable;

namespace PoNasOrleans.Nas.Fpga;

/// <summary>
/// The reference's dynamic search over layer groups: for each layer every pooled partial solution makes up to
/// four children (new group or appended, each with the fewest-LUT and the fewest-cycle tiling within its
/// budgets), and the children are pruned to the union of three Pareto sweeps.
/// </summary>
internal sealed class GroupSearch
{
    private readonly GroupSearchModel model;
    private readonly FpgaConstraints constraints;
    private readonly List<SearchStep> steps = [];
    private PartialSolution[] pool = new PartialSolution[8];
    private PartialSolution[] children = new PartialSolution[32];
    private bool[] kept = new bool[32];
    private int poolCount;
    private int childCount;

    private GroupSearch(GroupSearchModel model, FpgaConstraints constraints)
    {
        this.model = model;
        this.constraints = constraints;
    }

    /// <summary>Searches groups and tilings for the layers; the surviving solution with the fewest cycles wins.</summary>
    public static FpgaEstimate Run(GroupSearchModel model, LayerHardware[] layers, FpgaConstraints constraints) =>
        new GroupSearch(model, constraints).Run(layers);

    private FpgaEstimate Run(LayerHardware[] layers)
    {
        pool[0] = PartialSolution.Empty;
        poolCount = 1;
        foreach (var layer in layers)
        {
            MakeChildren(new LayerTilings(layer, model.Multipliers, model.CycleRows(layer)));
            if (childCount == 0)
            {
                return FpgaEstimate.NoSolution;
            }

            Prune();
        }

        var best = pool[0];
        return FpgaEstimate.Of(best.Luts, best.Cycles, Groups(best.Step), constraints);
    }

    private void MakeChildren(LayerTilings tilings)
    {
        childCount = 0;
        EnsureCapacity(ref children, 4 * poolCount);
        var lutLimit = constraints.LutLimit;
        var cycleBudget = constraints.CycleBudget;
        for (var p = 0; p < poolCount; p++)
        {
            var parent = pool[p];
            if (tilings.TrySearch(lutLimit, CycleLimit(cycleBudget - parent.Cycles), out var fewestLuts, out var fewestCycles))
            {
                AddChild(parent.WithNewGroup(fewestLuts, AddStep(parent.Step, fewestLuts, startsGroup: true)));
                AddChild(parent.WithNewGroup(fewestCycles, AddStep(parent.Step, fewestCycles, startsGroup: true)));
            }

            var appendBudget = CycleLimit(cycleBudget - (parent.Cycles - parent.LastCycles));
            if (tilings.TrySearch(lutLimit - parent.LastLuts, appendBudget, out fewestLuts, out fewestCycles))
            {
                AddChild(parent.WithAppended(fewestLuts, AddStep(parent.Step, fewestLuts, parent.IsEmpty)));
                AddChild(parent.WithAppended(fewestCycles, AddStep(parent.Step, fewestCycles, parent.IsEmpty)));
            }
        }
    }

    private int AddStep(int previous, LayerTiling tiling, bool startsGroup)
    {
        steps.Add(new SearchStep(previous, tiling, startsGroup));
        return steps.Count - 1;
    }

    private void AddChild(PartialSolution child)
    {
        children[childCount] = child;
        children[childCount].Creation = childCount;
        childCount++;
    }

    /// <summary>Keeps the union of the three sweeps, ordered by cycles, LUTs and order of creation.</summary>
    private void Prune()
    {
        EnsureCapacity(ref kept, childCount);
        Array.Clear(kept, 0, childCount);
        var candidates = children.AsSpan(0, childCount);
        Sweep(candidates, kept, SweepKey.LastLuts, SweepKey.Cycles);
        Sweep(candidates, kept, SweepKey.Cycles, SweepKey.EarlierCycles);
        Sweep(candidates, kept, SweepKey.LastLuts, SweepKey.EarlierCycles);
        EnsureCapacity(ref pool, childCount);
        poolCount = 0;
        foreach (var child in candidates)
        {
            if (kept[child.Creation])
            {
                pool[poolCount++] = child;
            }
        }

        pool.AsSpan(0, poolCount).Sort(default(PoolOrder));
    }

    /// <summary>
    /// One Pareto sweep: sorts the children by <paramref name="first"/> (stable, in place) and walks them with a
    /// current best b; an element not below b on <paramref name="second"/> is skipped, one on b's first key
    /// replaces b, any other keeps b and becomes b; the last b is kept (<paramref name="kept"/> by creation).
    /// </summary>
    internal static void Sweep(Span<PartialSolution> children, Span<bool> kept, SweepKey first, SweepKey second)
    {
        for (var i = 0; i < children.Length; i++)
        {
            children[i].Rank = i;
            children[i].SortKey = children[i].Key(first);
        }

        children.Sort(default(StableKeyOrder));
        var best = 0;
        var bestSecond = children[0].Key(second);
        for (var i = 1; i < children.Length; i++)
        {
            var key = children[i].Key(second);
            if (key >= bestSecond)
            {
                continue;
            }

            if (children[i].SortKey != children[best].SortKey)
            {
                kept[children[best].Creation] = true;
            }

            (best, bestSecond) = (i, key);
        }

        kept[children[best].Creation] = true;
    }

    /// <summary>The layer groups, in order, of the trace ending at <paramref name="last"/>.</summary>
    private ImmutableArray<ImmutableArray<LayerTiling>> Groups(int last)
    {
        var trace = new Stack<SearchStep>();
        for (var step = last; step >= 0; step = steps[step].Previous)
        {
            trace.Push(steps[step]);
        }

        var groups = ImmutableArray.CreateBuilder<ImmutableArray<LayerTiling>>();
        var group = ImmutableArray.CreateBuilder<LayerTiling>();
        foreach (var step in trace)
        {
            if (step.StartsGroup && group.Count > 0)
            {
                groups.Add(group.DrainToImmutable());
            }

            group.Add(step.Tiling);
        }

        groups.Add(group.DrainToImmutable());
        return groups.DrainToImmutable();
    }

    /// <summary>The largest whole cycle count within a budget computed in doubles, as the reference compares.</summary>
    private static long CycleLimit(double budget) => budget >= long.MaxValue ? long.MaxValue : (long)Math.Floor(budget);

    private static void EnsureCapacity<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, 2 * array.Length));
        }
    }
}
