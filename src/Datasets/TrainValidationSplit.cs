using PoNasOrleans.Nas.Randomness;

namespace PoNasOrleans.Datasets;

/// <summary>Training images split into the part a child network trains on and the part its reward is measured on.</summary>
public sealed record TrainValidationSplit(ImageSet Train, ImageSet Validation)
{
    /// <summary>Splits after a seeded shuffle; both parts get at least one image.</summary>
    public static TrainValidationSplit Of(ImageSet images, double validationFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "the validation fraction must lie strictly between 0 and 1");
        }

        if (images.Count < 2)
        {
            throw new ArgumentException("at least two images are needed to hold some out for validation", nameof(images));
        }

        var order = Enumerable.Range(0, images.Count).ToArray();
        var random = new SeededRandom(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var validation = Math.Clamp((int)Math.Round(images.Count * validationFraction), 1, images.Count - 1);
        return new TrainValidationSplit(images.Subset(order[validation..]), images.Subset(order[..validation]));
    }
}
