using System.Globalization;

namespace PoNasOrleans.Datasets;

/// <summary>
/// The location of a synthetic test split: <c>synth:test?seed=S&amp;count=N[&amp;noise=X]</c>. It stands for the
/// test split that <c>ponas dataset synth --seed S --test N --noise X</c> writes to <c>test_batch.bin</c> (for any
/// <c>--train</c>: each image has its own random stream), i.e.
/// <c>SyntheticCifar.Generate(new SyntheticOptions(Train: any, Test: N, Seed: S, Noise: X)).Test</c>. The keys may
/// come in any order; <c>seed</c> (decimal, 0–2^64−1) and <c>count</c> (1–<see cref="MaxCount"/>) are required,
/// <c>noise</c> (0–128, default 24) is optional; anything else is refused.
/// </summary>
/// <param name="Seed">The data set's seed (<c>--seed</c>).</param>
/// <param name="Count">Test images (<c>--test</c>).</param>
/// <param name="Noise">Standard deviation of the pixel noise (<c>--noise</c>).</param>
public sealed record SyntheticTestLocation(ulong Seed, int Count, double Noise = SyntheticTestLocation.DefaultNoise)
{
    /// <summary>What every synthetic test location starts with.</summary>
    public const string Prefix = "synth:test?";

    /// <summary>The scheme of synthetic locations.</summary>
    public const string Scheme = "synth:";

    /// <summary>The noise when the location names none (the generator's default).</summary>
    public const double DefaultNoise = 24;

    /// <summary>The largest image count a location may ask for (10 × CIFAR-10's test split; 307 MB of pixels).</summary>
    public const int MaxCount = 100_000;

    private static readonly string[] Keys = ["seed", "count", "noise"];

    /// <summary>Whether a location uses the <c>synth:</c> scheme (and so must parse as a synthetic location).</summary>
    public static bool IsSynthetic(string location) => location?.StartsWith(Scheme, StringComparison.Ordinal) == true;

    /// <summary>Reads a location; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static SyntheticTestLocation Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"'{location}': a synthetic test split is named synth:test?seed=S&count=N[&noise=X]");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in location[Prefix.Length..].Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new FormatException($"'{location}': '{pair}' is not KEY=VALUE");
            }

            if (!Keys.Contains(parts[0]))
            {
                throw new FormatException($"'{location}': unknown key '{parts[0]}' (expected {string.Join(", ", Keys)})");
            }

            if (!values.TryAdd(parts[0], parts[1]))
            {
                throw new FormatException($"'{location}': key '{parts[0]}' appears twice");
            }
        }

        var seed = values.TryGetValue("seed", out var seedText)
            ? ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw new FormatException($"'{location}': seed '{seedText}' is not a whole number in 0–{ulong.MaxValue}")
            : throw new FormatException($"'{location}': missing key 'seed'");
        var count = values.TryGetValue("count", out var countText)
            ? int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= MaxCount ? c : throw new FormatException($"'{location}': count '{countText}' is not a whole number in 1–{MaxCount}")
            : throw new FormatException($"'{location}': missing key 'count'");
        var noise = DefaultNoise;
        if (values.TryGetValue("noise", out var noiseText)
            && !(double.TryParse(noiseText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out noise) && noise is >= 0 and <= 128))
        {
            throw new FormatException($"'{location}': noise '{noiseText}' is not a number in 0–128");
        }

        return new SyntheticTestLocation(seed, count, noise);
    }

    /// <summary>The generator's options for this split (one training image, which the test images do not depend on).</summary>
    public SyntheticOptions Options => new(Train: 1, Test: Count, Seed, Noise);

    /// <summary>Makes the test images.</summary>
    public ImageSet Generate()
    {
        if (Count is < 1 or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, $"a synthetic test split has 1–{MaxCount} images");
        }

        return SyntheticCifar.Generate(Options).Test;
    }

    /// <summary>The canonical text: <c>synth:test?seed=S&amp;count=N</c>, with <c>&amp;noise=X</c> only when it is not 24.</summary>
    public override string ToString() =>
        // "R" keeps every bit of the noise, so the text reads back to the same images (+ 0.0 turns −0 into 0)
        Noise == DefaultNoise
            ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}seed={Seed}&count={Count}")
            : string.Create(CultureInfo.InvariantCulture, $"{Prefix}seed={Seed}&count={Count}&noise={Noise + 0.0:R}");
}
