namespace PoNasOrleans.Datasets;

/// <summary>
/// Labelled 32×32 RGB images as CIFAR-10 stores them: per image one label byte (class 0–9) and 3,072 pixel
/// bytes, the 1,024 red values first, then green, then blue, each row by row.
/// </summary>
public sealed class ImageSet
{
    /// <summary>Colour channels per image.</summary>
    public const int Channels = 3;

    /// <summary>Image height and width in pixels.</summary>
    public const int Side = 32;

    /// <summary>Pixel bytes per image.</summary>
    public const int PixelsPerImage = Channels * Side * Side;

    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    private readonly byte[] labels;
    private readonly byte[] pixels;

    /// <summary>Creates a set from labels and the images' pixels laid end to end.</summary>
    public ImageSet(byte[] labels, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)labels.Length * PixelsPerImage)
        {
            throw new ArgumentException($"{labels.Length} labels need {(long)labels.Length * PixelsPerImage} pixel bytes, got {pixels.Length}", nameof(pixels));
        }

        var bad = Array.FindIndex(labels, label => label >= Classes);
        if (bad >= 0)
        {
            throw new ArgumentException($"image {bad}: label {labels[bad]} is not a class 0–{Classes - 1}", nameof(labels));
        }

        this.labels = labels;
        this.pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count => labels.Length;

    /// <summary>The class of image <paramref name="index"/>.</summary>
    public int Label(int index) => labels[index];

    /// <summary>The 3,072 pixel bytes of image <paramref name="index"/> (channel, row, column order).</summary>
    public ReadOnlySpan<byte> Pixels(int index) => pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);

    /// <summary>All labels.</summary>
    public ReadOnlySpan<byte> Labels => labels;

    /// <summary>All pixel bytes, image after image.</summary>
    public ReadOnlySpan<byte> AllPixels => pixels;

    /// <summary>The images at the given indices, in that order.</summary>
    public ImageSet Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var subsetLabels = new byte[indices.Count];
        var subsetPixels = new byte[indices.Count * PixelsPerImage];
        for (var i = 0; i < indices.Count; i++)
        {
            subsetLabels[i] = labels[indices[i]];
            Pixels(indices[i]).CopyTo(subsetPixels.AsSpan(i * PixelsPerImage));
        }

        return new ImageSet(subsetLabels, subsetPixels);
    }

    /// <summary>The images of several sets, one set after the other.</summary>
    public static ImageSet Concat(IReadOnlyList<ImageSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return new ImageSet([.. sets.SelectMany(s => s.labels)], [.. sets.SelectMany(s => s.pixels)]);
    }

    /// <summary>How many images each class has.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
