using System.Globalization;
using PoNasOrleans.Chain;
using PoNasOrleans.Datasets;

namespace PoNasOrleans.Grains.Chain;

/// <summary>
/// References to the synthetic data set (<see cref="SyntheticCifar"/>) as the devnet names it: a location and the
/// SHA-256 of the set's canonical bytes (one CIFAR-10 binary batch, <see cref="TestSplitReference.Sha256Of"/>), which
/// anyone can check by making the set again. Test splits are <see cref="TestSplitReference"/>s
/// (<c>synth:test?seed=S&amp;count=N</c>, resolved by validators with <c>ponas measure</c>); the training set is named
/// <c>synth:train?seed=S&amp;count=N</c> (the agents' <c>--dataset synth --seed S --synth-images N</c>).
/// </summary>
public static class SyntheticData
{
    /// <summary>The training set of a seed with <paramref name="images"/> images.</summary>
    public static DatasetRef Training(ulong seed, int images) => new(
        string.Create(CultureInfo.InvariantCulture, $"synth:train?seed={seed}&count={images}"),
        TestSplitReference.Sha256Of(SyntheticCifar.Generate(new SyntheticOptions(images, 1, seed)).Train));

    /// <summary>The test split of a seed with <paramref name="images"/> images.</summary>
    public static DatasetRef Test(ulong seed, int images)
    {
        var reference = TestSplitReference.Synthetic(new SyntheticOptions(1, images, seed));
        return new DatasetRef(reference.Location, reference.Sha256);
    }
}
