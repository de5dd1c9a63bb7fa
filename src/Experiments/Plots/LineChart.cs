namespace PoNasOrleans.Experiments.Plots;

/// <summary>A curve of a line chart: its points in x order; dashed or solid; drawn as steps (a best-so-far curve) or straight segments.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false, bool Steps = true);

/// <summary>Line charts of curves (the paper's Figures 2–4): one colour per series, a legend on the right.</summary>
internal static class LineChart
{
    /// <summary>The SVG of the series; the y range is <paramref name="yMin"/>–<paramref name="yMax"/> when given, else fitted to the data with a margin.</summary>
    public static string Render(string title, string subtitle, string xTitle, string yTitle, IReadOnlyList<ChartSeries> series, double? yMin = null, double? yMax = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.SelectMany(s => s.Points).ToList();
        var xMin = points.Count == 0 ? 0 : Math.Min(0, points.Min(p => p.X));
        var xMax = points.Count == 0 ? 1 : Math.Max(points.Max(p => p.X), xMin + 1);
        var low = yMin ?? (points.Count == 0 ? 0 : points.Min(p => p.Y));
        var high = yMax ?? (points.Count == 0 ? 1 : points.Max(p => p.Y));
        if (yMin is null || yMax is null)
        {
            var margin = Math.Max((high - low) * 0.08, 0.01);
            (low, high) = (yMin ?? Math.Max(0, low - margin), yMax ?? (high + margin));
        }

        var svg = new Svg(title);
        svg.Subtitle(subtitle);
        var (x, y) = svg.Frame(xMin, xMax, low, high, xTitle, yTitle, wholeX: points.All(p => p.X == Math.Round(p.X)));
        for (var i = 0; i < series.Count; i++)
        {
            var colour = Svg.Palette[i % Svg.Palette.Length];
            var drawn = new List<(double X, double Y)>();
            foreach (var (px, py) in series[i].Points)
            {
                var clipped = Math.Clamp(py, low, high);
                if (series[i].Steps && drawn.Count > 0)
                {
                    drawn.Add((x(px), drawn[^1].Y));
                }

                drawn.Add((x(px), y(clipped)));
            }

            if (drawn.Count == 1)
            {
                drawn.Add((drawn[0].X + 3, drawn[0].Y));
            }

            svg.Polyline(drawn, colour, series[i].Dashed);
            svg.LegendEntry(i, series[i].Name, colour, series[i].Dashed);
        }

        return svg.ToString();
    }
}
