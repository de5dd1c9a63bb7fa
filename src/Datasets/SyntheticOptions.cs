namespace PoNasOrleans.Datasets;

/// <summary>How many synthetic images to make, from which seed, with how much pixel noise.</summary>
/// <param name="Train">Training images (the validation split is later held out of these).</param>
/// <param name="Test">Test images.</param>
/// <param name="Seed">The seed; the same options always give the same bytes.</param>
/// <param name="Noise">Standard deviation of the Gaussian pixel noise, in 0–255 units.</param>
public sealed record SyntheticOptions(int Train, int Test, ulong Seed, double Noise = 24)
{
    /// <summary>Throws naming the option that is out of range.</summary>
    public void Validate()
    {
        if (Train < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Train), Train, "at least one training image is needed");
        }

        if (Test < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Test), Test, "at least one test image is needed");
        }

        if (!(Noise >= 0 && Noise <= 128))
        {
            throw new ArgumentOutOfRangeException(nameof(Noise), Noise, "the noise must lie in 0–128");
        }
    }
}
