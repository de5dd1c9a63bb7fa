namespace PoNasOrleans.Experiments.Plots;

/// <summary>A bar: its legend name, value, and whether it is a reference figure (drawn hatched-light, e.g. the paper's).</summary>
internal sealed record Bar(string Name, double Value, bool Reference = false);

/// <summary>A group of bars under one label.</summary>
internal sealed record BarGroup(string Label, IReadOnlyList<Bar> Bars);

/// <summary>Grouped bar charts (the weak-miner and partitioner comparisons): one colour per bar name, values above the bars.</summary>
internal static class BarChart
{
    public static string Render(string title, string subtitle, string yTitle, IReadOnlyList<BarGroup> groups, double yMax = 1.1)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var names = groups.SelectMany(g => g.Bars.Select(b => (b.Name, b.Reference))).Distinct().ToList();
        var svg = new Svg(title);
        svg.Subtitle(subtitle);
        var (_, y) = svg.Frame(0, 1, 0, yMax, "", yTitle, xTicks: false);
        var slot = (Svg.PlotRight - Svg.Left) / Math.Max(1, groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var bars = groups[g].Bars;
            var width = Math.Min(48, slot * 0.8 / Math.Max(1, bars.Count));
            var start = Svg.Left + (slot * g) + ((slot - (width * bars.Count)) / 2);
            for (var b = 0; b < bars.Count; b++)
            {
                var index = names.IndexOf((bars[b].Name, bars[b].Reference));
                var colour = Svg.Palette[index % Svg.Palette.Length];
                var top = y(Math.Clamp(bars[b].Value, 0, yMax));
                svg.Rectangle(start + (b * width) + 2, top, width - 4, Svg.PlotBottom - top, bars[b].Reference ? "#ffffff" : colour, bars[b].Reference ? colour : null);
                svg.Text(start + (b * width) + (width / 2), top - 5, bars[b].Value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), size: 10, anchor: "middle");
            }

            svg.Text(Svg.Left + (slot * g) + (slot / 2), Svg.PlotBottom + 18, groups[g].Label, anchor: "middle");
        }

        for (var i = 0; i < names.Count; i++)
        {
            svg.LegendEntry(i, names[i].Name, Svg.Palette[i % Svg.Palette.Length], dashed: names[i].Reference, swatch: !names[i].Reference);
        }

        return svg.ToString();
    }
}
