namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// A plain-text table for a terminal: a header line, then rows, each column as wide as its widest cell, two spaces
/// between columns; numbers right-aligned, text left-aligned; no trailing spaces.
/// </summary>
internal sealed class TextTable
{
    private readonly (string Header, bool RightAligned)[] columns;
    private readonly List<string[]> rows = [];

    /// <summary>A table of these columns; <c>true</c> right-aligns a column (numbers).</summary>
    public TextTable(params (string Header, bool RightAligned)[] columns) => this.columns = columns;

    /// <summary>Adds a row: one cell per column.</summary>
    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {columns.Length} columns", nameof(cells));
        }

        rows.Add(cells);
    }

    /// <summary>Writes the header and the rows.</summary>
    public void Write(TextWriter output)
    {
        var widths = columns.Select((c, i) => rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        foreach (var cells in rows.Prepend(columns.Select(c => c.Header).ToArray()))
        {
            var line = string.Join("  ", cells.Select((cell, i) => columns[i].RightAligned ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])));
            output.WriteLine(line.TrimEnd());
        }
    }
}
