using System.Globalization;
using System.Security;
using System.Text;

namespace PoNasOrleans.Experiments.Plots;

/// <summary>
/// A small SVG writer for the plots (no chart library): a canvas with a plot frame, nice axis ticks, lines, rectangles,
/// text and a legend, in a fixed palette that stays readable in print.
/// </summary>
internal sealed class Svg
{
    public const double Width = 820;
    public const double Height = 460;
    public const double Left = 70;
    public const double Right = 190;
    public const double Top = 44;
    public const double Bottom = 56;

    /// <summary>Ten distinguishable colours (Tableau 10).</summary>
    public static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    private readonly StringBuilder body = new();

    public Svg(string title)
    {
        body.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        body.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        Text(Width / 2, 24, title, size: 15, anchor: "middle", weight: "bold");
    }

    /// <summary>The plot area's right edge.</summary>
    public static double PlotRight => Width - Right;

    /// <summary>The plot area's bottom edge.</summary>
    public static double PlotBottom => Height - Bottom;

    /// <summary>Ticks at 1, 2 or 5 × 10^k covering [min, max] with about <paramref name="count"/> steps (whole numbers only when <paramref name="whole"/>).</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int count = 5, bool whole = false)
    {
        if (!(max > min))
        {
            return [min];
        }

        var rough = whole ? Math.Max(1, (max - min) / count) : (max - min) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        var ticks = new List<double>();
        for (var tick = Math.Ceiling((min / step) - 1e-9) * step; tick <= max + (step * 1e-9); tick += step)
        {
            ticks.Add(Math.Round(tick, 12));
        }

        return ticks;
    }

    /// <summary>A tick label: as few digits as the step needs.</summary>
    public static string Label(double value, IReadOnlyList<double> ticks)
    {
        var step = ticks.Count > 1 ? ticks[1] - ticks[0] : Math.Abs(value);
        var decimals = step is > 0 and < 1 ? (int)Math.Ceiling(-Math.Log10(step) - 1e-9) : 0;
        return (Math.Abs(value) < 1e-12 ? 0 : value).ToString($"F{decimals}", CultureInfo.InvariantCulture);
    }

    /// <summary>The frame, grid and tick labels of a plot area with the given ranges and axis titles; answers the x and y mappings.</summary>
    public (Func<double, double> X, Func<double, double> Y) Frame(double xMin, double xMax, double yMin, double yMax, string xTitle, string yTitle, bool xTicks = true, bool wholeX = false)
    {
        double X(double x) => Left + ((x - xMin) / (xMax - xMin) * (PlotRight - Left));
        double Y(double y) => PlotBottom - ((y - yMin) / (yMax - yMin) * (PlotBottom - Top));
        var yTickValues = Ticks(yMin, yMax);
        foreach (var tick in yTickValues)
        {
            Line(Left, Y(tick), PlotRight, Y(tick), "#e6e6e6");
            Text(Left - 6, Y(tick) + 4, Label(tick, yTickValues), anchor: "end");
        }

        if (xTicks)
        {
            var xTickValues = Ticks(xMin, xMax, 8, wholeX);
            foreach (var tick in xTickValues)
            {
                Line(X(tick), PlotBottom, X(tick), PlotBottom + 4, "#333");
                Text(X(tick), PlotBottom + 17, Label(tick, xTickValues), anchor: "middle");
            }
        }

        Line(Left, PlotBottom, PlotRight, PlotBottom, "#333");
        Line(Left, Top, Left, PlotBottom, "#333");
        Text((Left + PlotRight) / 2, Height - 14, xTitle, anchor: "middle");
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"18\" y=\"{(Top + PlotBottom) / 2:F1}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {(Top + PlotBottom) / 2:F1})\">{Escape(yTitle)}</text>\n");
        return (X, Y);
    }

    public void Line(double x1, double y1, double x2, double y2, string colour, double width = 1) =>
        body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" y2=\"{y2:F1}\" stroke=\"{colour}\" stroke-width=\"{width}\"/>\n");

    public void Polyline(IEnumerable<(double X, double Y)> points, string colour, bool dashed, double width = 2) =>
        body.Append(CultureInfo.InvariantCulture,
            $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{(dashed ? " stroke-dasharray=\"6 4\"" : "")} points=\"{string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")))}\"/>\n");

    public void Rectangle(double x, double y, double width, double height, string colour, string? stroke = null) =>
        body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{width:F1}\" height=\"{Math.Max(0, height):F1}\" fill=\"{colour}\"{(stroke is null ? "" : $" stroke=\"{stroke}\" stroke-dasharray=\"4 3\"")}/>\n");

    public void Text(double x, double y, string text, double size = 12, string anchor = "start", string weight = "normal", string colour = "#222") =>
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{y:F1}\" font-size=\"{size}\" text-anchor=\"{anchor}\" font-weight=\"{weight}\" fill=\"{colour}\">{Escape(text)}</text>\n");

    /// <summary>A legend entry (a short line, dashed or not, or a swatch) in the right margin, row <paramref name="row"/>.</summary>
    public void LegendEntry(int row, string name, string colour, bool dashed, bool swatch = false)
    {
        var x = PlotRight + 16;
        var y = Top + 8 + (row * 18);
        if (swatch)
        {
            Rectangle(x, y - 9, 22, 10, colour);
        }
        else
        {
            Polyline([(x, y - 4), (x + 22, y - 4)], colour, dashed);
        }

        Text(x + 28, y, name);
    }

    /// <summary>A note under the title.</summary>
    public void Subtitle(string text) => Text(Width / 2, 38, text, size: 11, anchor: "middle", colour: "#555");

    public override string ToString() => body + "</svg>\n";

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
