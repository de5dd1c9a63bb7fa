namespace PoNasOrleans.Datasets.Tests;

public class SyntheticCifarTests
{
    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        var first = SyntheticCifar.Generate(new SyntheticOptions(30, 10, 42));
        var second = SyntheticCifar.Generate(new SyntheticOptions(30, 10, 42));
        var other = SyntheticCifar.Generate(new SyntheticOptions(30, 10, 43));
        Assert.Equal(first.Train.AllPixels.ToArray(), second.Train.AllPixels.ToArray());
        Assert.Equal(first.Test.AllPixels.ToArray(), second.Test.AllPixels.ToArray());
        Assert.NotEqual(first.Train.AllPixels.ToArray(), other.Train.AllPixels.ToArray());
        Assert.NotEqual(first.Train.AllPixels[..(10 * 3072)].ToArray(), first.Test.AllPixels.ToArray());
    }

    [Fact]
    public void Early_images_do_not_depend_on_how_many_are_made()
    {
        var small = SyntheticCifar.Generate(new SyntheticOptions(10, 1, 7)).Train;
        var large = SyntheticCifar.Generate(new SyntheticOptions(100, 1, 7)).Train;
        Assert.Equal(small.AllPixels.ToArray(), large.AllPixels[..(10 * 3072)].ToArray());
    }

    [Fact]
    public void Classes_are_balanced()
    {
        var train = SyntheticCifar.Generate(new SyntheticOptions(1000, 1, 1)).Train;
        Assert.All(train.ClassCounts(), count => Assert.Equal(100, count));
    }

    [Fact]
    public void Colour_says_nothing_about_the_class()
    {
        var train = SyntheticCifar.Generate(new SyntheticOptions(2000, 1, 2)).Train;
        var means = Enumerable.Range(0, 10).Select(c => Enumerable.Range(0, train.Count).Where(i => train.Label(i) == c)
            .Average(i => Mean(train.Pixels(i)))).ToArray();
        Assert.InRange(means.Max() - means.Min(), 0, 25);
    }

    [Fact]
    public void Stripe_orientation_is_a_spatial_feature()
    {
        // horizontal stripes change from row to row, vertical ones from column to column
        var train = SyntheticCifar.Generate(new SyntheticOptions(400, 1, 3)).Train;
        var correct = 0;
        var total = 0;
        for (var i = 0; i < train.Count; i++)
        {
            if (train.Label(i) is 0 or 1)
            {
                var (alongRows, alongColumns) = Gradients(train.Pixels(i));
                correct += (alongRows > alongColumns ? 0 : 1) == train.Label(i) ? 1 : 0;
                total++;
            }
        }

        Assert.Equal(80, total);
        Assert.InRange(correct, 76, 80);
    }

    [Fact]
    public void Bad_options_are_refused_by_name()
    {
        Assert.Equal("Train", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCifar.Generate(new SyntheticOptions(0, 1, 1))).ParamName);
        Assert.Equal("Test", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCifar.Generate(new SyntheticOptions(1, 0, 1))).ParamName);
        Assert.Equal("Noise", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCifar.Generate(new SyntheticOptions(1, 1, 1, -1))).ParamName);
    }

    private static double Mean(ReadOnlySpan<byte> pixels)
    {
        double sum = 0;
        foreach (var p in pixels)
        {
            sum += p;
        }

        return sum / pixels.Length;
    }

    /// <summary>Mean absolute difference between vertically adjacent and between horizontally adjacent pixels (red plane).</summary>
    private static (double AlongRows, double AlongColumns) Gradients(ReadOnlySpan<byte> pixels)
    {
        double vertical = 0, horizontal = 0;
        for (var y = 0; y < 31; y++)
        {
            for (var x = 0; x < 31; x++)
            {
                vertical += Math.Abs(pixels[((y + 1) * 32) + x] - pixels[(y * 32) + x]);
                horizontal += Math.Abs(pixels[(y * 32) + x + 1] - pixels[(y * 32) + x]);
            }
        }

        return (vertical, horizontal);
    }
}
