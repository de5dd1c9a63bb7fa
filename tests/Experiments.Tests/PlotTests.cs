using PoNasOrleans.Experiments.Plots;
using PoNasOrleans.Experiments.Pool;

namespace PoNasOrleans.Experiments.Tests;

public sealed class PlotTests
{
    [Theory]
    [InlineData(0, 1, 5, false, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0.13, 0.31, 5, false, new[] { 0.15, 0.2, 0.25, 0.3 })]
    [InlineData(0, 4, 8, true, new[] { 0.0, 1, 2, 3, 4 })]
    public void Ticks_are_round_numbers_covering_the_range(double min, double max, int count, bool whole, double[] expected) =>
        Assert.Equal(expected, Svg.Ticks(min, max, count, whole));

    [Fact]
    public void A_best_so_far_curve_is_the_running_maximum() =>
        Assert.Equal([0.1, 0.3, 0.3, 0.3, 0.5], SubspaceLog.BestSoFar([0.1, 0.3, 0, 0.2, 0.5]).ToArray());

    [Fact]
    public void Labels_drop_negative_zero_and_use_the_steps_digits() =>
        Assert.Equal(["0.00", "0.05", "0.10"], new[] { -1e-15, 0.05, 0.1 }.Select(v => Svg.Label(v, [0, 0.05, 0.1])));

    [Fact]
    public void A_chart_escapes_its_text()
    {
        var svg = LineChart.Render("a < b & c", "", "x", "y", [new ChartSeries("S1 <best>", [(1, 0.1), (2, 0.2)])]);
        Assert.Contains("a &lt; b &amp; c", svg, StringComparison.Ordinal);
        Assert.Contains("S1 &lt;best&gt;", svg, StringComparison.Ordinal);
        Assert.Equal("svg", System.Xml.Linq.XDocument.Parse(svg).Root!.Name.LocalName);
    }
}
