using System.Collections.Immutable;
using PoNasOrleans.Nas.Fpga;
using PoNasOrleans.Nas.Space;

namespace PoNasOrleans.Nas.Tests.Fpga;

/// <summary>
/// A straightforward, literal port of the reference (ND-SCL/NAQS fpga/model.py) that scans every tiling for
/// every parent solution; the fast search must give exactly its answers.
/// </summary>
internal static class LiteralReferenceSearch
{
    public static FpgaEstimate Estimate(Architecture architecture, FpgaConstraints constraints, MultiplierTable multipliers, bool channelsAsRows)
    {
        var layers = Costs(architecture, multipliers, channelsAsRows);
        var rLut = constraints.LutLimit;
        var rCyc = 1e8 / constraints.MinThroughput;
        var pool = new List<Solution> { new() };
        foreach (var layer in layers)
        {
            var children = new List<Solution>();
            foreach (var solution in pool)
            {
                var (minLut, minCyc) = SearchSingleLayer(layer, rLut, rCyc - solution.Cycles);
                if (minLut is { } a)
                {
                    children.Add(solution.Clone().AddLayer(a));
                }

                if (minCyc is { } b)
                {
                    children.Add(solution.Clone().AddLayer(b));
                }

                (minLut, minCyc) = SearchSingleLayer(layer, rLut - solution.LastLuts, rCyc - (solution.Cycles - solution.LastCycles));
                if (minLut is { } c)
                {
                    children.Add(solution.Clone().AppendLayer(c));
                }

                if (minCyc is { } d)
                {
                    children.Add(solution.Clone().AppendLayer(d));
                }
            }

            for (var k = 0; k < children.Count; k++)
            {
                children[k].Creation = k;
            }

            pool = Frontier(children);
        }

        if (pool.Count == 0)
        {
            return FpgaEstimate.NoSolution;
        }

        var best = pool.OrderBy(s => s.Cycles).First();
        var groups = best.Pattern.Select(group => group.ToImmutableArray()).ToImmutableArray();
        var throughput = 1e8 / best.Cycles;
        return new FpgaEstimate(best.Luts, best.Cycles, throughput, best.Luts <= rLut && throughput > constraints.MinThroughput, groups);
    }

    private static (LayerTiling? MinLut, LayerTiling? MinCyc) SearchSingleLayer(LayerCosts layer, long rLut, double rCyc)
    {
        LayerTiling? minLut = null;
        LayerTiling? minCyc = null;
        for (var tn = 1; tn <= layer.N; tn++)
        {
            for (var tm = 1; tm <= layer.M; tm++)
            {
                var (luts, cycles) = (layer.Luts[tn, tm], layer.Cycles[tn, tm]);
                if (luts <= rLut && cycles <= rCyc)
                {
                    if (minLut is null || luts < minLut.Value.Luts)
                    {
                        minLut = new LayerTiling(tn, tm, luts, cycles);
                    }

                    if (minCyc is null || cycles < minCyc.Value.Cycles)
                    {
                        minCyc = new LayerTiling(tn, tm, luts, cycles);
                    }
                }
            }
        }

        return (minLut, minCyc);
    }

    private static List<Solution> Frontier(List<Solution> pool)
    {
        var frontier = new HashSet<Solution>(ReferenceEqualityComparer.Instance);
        if (pool.Count > 0)
        {
            foreach (var (metric1, metric2) in new (Func<Solution, long>, Func<Solution, long>)[]
            {
                (s => s.LastLuts, s => s.Cycles),
                (s => s.Cycles, s => s.Cycles - s.LastCycles),
                (s => s.LastLuts, s => s.Cycles - s.LastCycles),
            })
            {
                pool = [.. pool.OrderBy(metric1)];
                var last = pool[0];
                for (var i = 1; i < pool.Count; i++)
                {
                    var solution = pool[i];
                    if (metric2(solution) >= metric2(last))
                    {
                        continue;
                    }

                    if (metric1(solution) != metric1(last))
                    {
                        frontier.Add(last);
                    }

                    last = solution;
                }

                frontier.Add(last);
            }
        }

        return [.. frontier.OrderBy(s => s.Cycles).ThenBy(s => s.Luts).ThenBy(s => s.Creation)];
    }

    /// <summary>Per layer, LUTs and cycles from the formulas for every 1 ≤ Tn ≤ N, 1 ≤ Tm ≤ M.</summary>
    private static List<LayerCosts> Costs(Architecture architecture, MultiplierTable multipliers, bool channelsAsRows)
    {
        var result = new List<LayerCosts>();
        var (n, height, width, bii, bif) = (3, 32, 32, 1, 6);
        foreach (var layer in architecture.Layers)
        {
            var (padHeight, outHeight) = ComputePadding(height, layer.FilterHeight, layer.StrideHeight);
            var (padWidth, outWidth) = ComputePadding(width, layer.FilterWidth, layer.StrideWidth);
            var rows = channelsAsRows ? n : height + padHeight;
            var columns = width + padWidth;
            var m = layer.NumFilters;
            var costs = new LayerCosts(n, m, new long[n + 1, m + 1], new long[n + 1, m + 1]);
            for (var tn = 1; tn <= n; tn++)
            {
                for (var tm = 1; tm <= m; tm++)
                {
                    costs.Luts[tn, tm] = ComputeEngine.Luts(
                        tn, tm, bii, bif, layer.ActNumIntBits, layer.ActNumFracBits, layer.WeightNumIntBits, layer.WeightNumFracBits, multipliers);
                    costs.Cycles[tn, tm] = (long)Math.Ceiling((double)m / tm) * (long)Math.Ceiling((double)n / tn)
                        * rows * columns * layer.FilterWidth * layer.FilterHeight;
                }
            }

            result.Add(costs);
            (n, bii, bif) = (m, layer.ActNumIntBits, layer.ActNumFracBits);
            height = ComputePadding(outHeight, layer.PoolSize, layer.PoolSize).Output;
            width = ComputePadding(outWidth, layer.PoolSize, layer.PoolSize).Output;
        }

        return result;
    }

    private static (int Padding, int Output) ComputePadding(int input, int kernel, int stride)
    {
        var output = (int)Math.Floor((double)(input + stride - 1) / stride);
        return (Math.Max(0, ((output - 1) * stride) + kernel - input), output);
    }

    private sealed record LayerCosts(int N, int M, long[,] Luts, long[,] Cycles);

    private sealed class Solution
    {
        public List<List<LayerTiling>> Pattern { get; private init; } = [];

        public long Luts { get; private set; }

        public long Cycles { get; private set; }

        public long LastLuts { get; private set; }

        public long LastCycles { get; private set; }

        public int Creation { get; set; }

        public Solution AddLayer(LayerTiling tiling)
        {
            Pattern.Add([tiling]);
            Luts = Math.Max(Luts, tiling.Luts);
            Cycles += tiling.Cycles;
            LastLuts = tiling.Luts;
            LastCycles = tiling.Cycles;
            return this;
        }

        public Solution AppendLayer(LayerTiling tiling)
        {
            if (Pattern.Count == 0)
            {
                return AddLayer(tiling);
            }

            Pattern[^1].Add(tiling);
            LastLuts += tiling.Luts;
            Luts = Math.Max(Luts, LastLuts);
            if (tiling.Cycles > LastCycles)
            {
                Cycles += tiling.Cycles - LastCycles;
                LastCycles = tiling.Cycles;
            }

            return this;
        }

        public Solution Clone() => new()
        {
            Pattern = [.. Pattern.Select(group => new List<LayerTiling>(group))],
            Luts = Luts,
            Cycles = Cycles,
            LastLuts = LastLuts,
            LastCycles = LastCycles,
        };
    }
}
