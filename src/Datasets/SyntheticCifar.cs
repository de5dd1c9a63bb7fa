using System.Collections.Immutable;
using PoNasOrleans.Nas.Randomness;

namespace PoNasOrleans.Datasets;

/// <summary>
/// A deterministic stand-in for CIFAR-10 in the same binary format, small enough to train on a CPU in seconds and
/// made so that architecture choices matter: each class is a spatial pattern (stripes in three orientations,
/// a checkerboard, a disc, a ring, a square, a plus, a cross, a grid of dots) at a random scale, position and
/// phase, in random foreground and background colours (colour says nothing about the class), with Gaussian
/// pixel noise. Telling them apart needs kernels wider than one pixel and features at several scales, so kernel
/// sizes, strides and channel counts change the accuracy. Each image comes from its own random stream derived
/// from (seed, split, index), so a set's first images do not depend on how many are made.
/// </summary>
public static class SyntheticCifar
{
    /// <summary>The classes in label order.</summary>
    public static ImmutableArray<string> ClassNames { get; } =
        ["horizontal_stripes", "vertical_stripes", "diagonal_stripes", "checkerboard", "disc", "ring", "square", "plus", "cross", "dots"];

    /// <summary>Makes the training and test images; labels cycle through the classes so they are balanced.</summary>
    public static (ImageSet Train, ImageSet Test) Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return (Make(options, split: 0, options.Train), Make(options, split: 1, options.Test));
    }

    private static ImageSet Make(SyntheticOptions options, ulong split, int count)
    {
        var labels = new byte[count];
        var pixels = new byte[count * ImageSet.PixelsPerImage];
        Parallel.For(0, count, index =>
        {
            var random = new SeededRandom(options.Seed ^ (split * 0x9E3779B97F4A7C15UL) ^ ((ulong)index * 0xD1B54A32D192ED03UL));
            labels[index] = (byte)(index % ImageSet.Classes);
            Render(labels[index], random, options.Noise, pixels.AsSpan(index * ImageSet.PixelsPerImage, ImageSet.PixelsPerImage));
        });
        return new ImageSet(labels, pixels);
    }

    internal static void Render(int label, SeededRandom random, double noise, Span<byte> pixels)
    {
        var pattern = Pattern.Draw(label, random);
        var (background, foreground) = Colours(random);
        const int plane = ImageSet.Side * ImageSet.Side;
        for (var y = 0; y < ImageSet.Side; y++)
        {
            for (var x = 0; x < ImageSet.Side; x++)
            {
                var inside = pattern.Covers(x, y);
                for (var c = 0; c < ImageSet.Channels; c++)
                {
                    var value = (inside ? foreground[c] : background[c]) + (noise * random.NextGaussian());
                    pixels[(c * plane) + (y * ImageSet.Side) + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
                }
            }
        }
    }

    /// <summary>Random background and foreground colours whose brightness differs by at least 60 of 255.</summary>
    private static (double[] Background, double[] Foreground) Colours(SeededRandom random)
    {
        var background = RandomColour(random);
        var foreground = RandomColour(random);
        while (Math.Abs(Brightness(foreground) - Brightness(background)) < 60)
        {
            foreground = RandomColour(random);
        }

        return (background, foreground);
    }

    private static double[] RandomColour(SeededRandom random) => [random.NextInt(256), random.NextInt(256), random.NextInt(256)];

    private static double Brightness(double[] colour) => (0.299 * colour[0]) + (0.587 * colour[1]) + (0.114 * colour[2]);


    /// <summary>One class's shape with its random scale, position and phase.</summary>
    private readonly record struct Pattern(int Label, double Cx, double Cy, double Size, double Width, int Phase)
    {
        public static Pattern Draw(int label, SeededRandom random)
        {
            double Between(double low, double high) => low + ((high - low) * random.NextDouble());
            return label switch
            {
                0 or 1 or 2 => new Pattern(label, 0, 0, random.NextInt(5) + 4, 0, random.NextInt(8)),
                3 => new Pattern(label, random.NextInt(6), random.NextInt(6), random.NextInt(4) + 3, 0, 0),
                9 => new Pattern(label, random.NextInt(6), random.NextInt(6), random.NextInt(3) + 5, Between(1.0, 1.6), 0),
                _ => new Pattern(label, Between(11, 21), Between(11, 21), Between(6, 10), Between(2, 3.5), 0),
            };
        }

        public bool Covers(int x, int y)
        {
            var dx = x - Cx;
            var dy = y - Cy;
            var period = (int)Size;
            return Label switch
            {
                0 => (y + Phase) % period < period / 2.0,
                1 => (x + Phase) % period < period / 2.0,
                2 => (x + y + Phase) % period < period / 2.0,
                3 => ((((int)(x + Cx) / period) + ((int)(y + Cy) / period)) & 1) == 0,
                4 => (dx * dx) + (dy * dy) <= Size * Size,
                5 => Math.Abs(Math.Sqrt((dx * dx) + (dy * dy)) - Size) <= Width / 2,
                6 => Math.Max(Math.Abs(dx), Math.Abs(dy)) <= Size * 0.8,
                7 => Math.Max(Math.Abs(dx), Math.Abs(dy)) <= Size && Math.Min(Math.Abs(dx), Math.Abs(dy)) <= Width / 2,
                8 => Math.Max(Math.Abs(dx), Math.Abs(dy)) <= Size && Math.Min(Math.Abs(dx - dy), Math.Abs(dx + dy)) <= Width / Math.Sqrt(2),
                _ => Near((x + Cx) % period, period) && Near((y + Cy) % period, period),
            };
        }

        private bool Near(double offset, int period) => Math.Min(offset, period - offset) <= Width;
    }
}
