using System.Diagnostics;
using PoNasOrleans.Training.Search;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>
/// The progress of a search on standard error: a bar redrawn in place on a terminal, one line per episode when the
/// stream is redirected (logs). Shows the episode, the best reward and the episodes per minute of this session.
/// </summary>
internal sealed class SearchProgress(TextWriter error, long episodes, long startedAt, bool interactive) : IProgress<EpisodeRecord>
{
    private const int BarWidth = 24;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public void Report(EpisodeRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var done = value.Episode - startedAt;
        var perMinute = done / Math.Max(clock.Elapsed.TotalMinutes, 1e-9);
        var filled = (int)(BarWidth * value.Episode / episodes);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        var text = $"[{bar}] episode {value.Episode}/{episodes}  reward {value.Reward:F4}  best {value.BestSoFar:F4}  {perMinute:F1} episodes/min";
        if (interactive)
        {
            error.Write($"\r{text}");
            if (value.Episode == episodes)
            {
                error.WriteLine();
            }
        }
        else
        {
            error.WriteLine(text);
        }

        error.Flush();
    }

    /// <summary>Ends an in-place bar with a line break (after an interruption).</summary>
    public void Break()
    {
        if (interactive)
        {
            error.WriteLine();
        }
    }
}
