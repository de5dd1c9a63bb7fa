using System.Globalization;

namespace PoNasOrleans.Benchmarks;

/// <summary>
/// Options of the load benchmark: <c>load [--miners N[,N…]] [--seconds S] [--heartbeat H] [--episode E] [--warmup W] [--writes M]</c>.
/// </summary>
/// <param name="Miners">Simulated miners of each load run, one run (a fresh pool) per entry; none with <c>--miners 0</c>.</param>
/// <param name="Window">The measured steady window of a load run.</param>
/// <param name="Heartbeat">Every miner's heartbeat interval.</param>
/// <param name="Episode">Every miner's episode interval (pull work, upload, report).</param>
/// <param name="WarmUp">Load before the window starts (every miner's first episode, admissions, JIT).</param>
/// <param name="WriteMiners">Miners of the storage-write count (a separate run with Azurite's request log); 0 skips it.</param>
internal sealed record LoadOptions(IReadOnlyList<int> Miners, TimeSpan Window, TimeSpan Heartbeat, TimeSpan Episode, TimeSpan WarmUp, int WriteMiners)
{
    public const string Usage = "load [--miners N[,N…]] [--seconds S] [--heartbeat H] [--episode E] [--warmup W] [--writes M]  (defaults: --miners 1000,10000 --seconds 90 --heartbeat 10 --episode 30 --warmup E (at most 60) --writes 300; --miners 0 skips the load runs, --writes 0 the write count)";

    /// <summary>The default warm-up is one episode interval, but no longer than this (seconds).</summary>
    private const double MaxDefaultWarmUp = 60;

    /// <summary>Reads the arguments after "load"; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        IReadOnlyList<int> miners = [1000, 10_000];
        double seconds = 90, heartbeat = 10, episode = 30;
        double? warmUp = null;
        var writes = 300;
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--miners":
                    miners = value == "0" ? [] : [.. value.Split(',').Select(part => Count(name, part, minimum: 1))];
                    break;
                case "--seconds":
                    seconds = Seconds(name, value);
                    break;
                case "--heartbeat":
                    heartbeat = Seconds(name, value);
                    break;
                case "--episode":
                    episode = Seconds(name, value);
                    break;
                case "--warmup":
                    warmUp = Seconds(name, value);
                    break;
                case "--writes":
                    writes = Count(name, value, minimum: 0);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{name}'");
            }
        }

        return new LoadOptions(miners, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(heartbeat), TimeSpan.FromSeconds(episode), TimeSpan.FromSeconds(warmUp ?? Math.Min(episode, MaxDefaultWarmUp)), writes);
    }

    private static int Count(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= minimum && count <= 1_000_000
            ? count
            : throw new ArgumentException($"{name}: '{value}' is not a whole number in {minimum}–1000000");

    private static double Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
            ? seconds
            : throw new ArgumentException($"{name}: '{value}' is not a number of seconds in (0, 3600]");
}
