using PoNasOrleans.Datasets;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.ChildTraining;

/// <summary>
/// Images as a normalised float tensor [count, 3, 32, 32] and labels [count] on a device, made once per data set
/// and reused by every episode. Normalisation uses CIFAR-10's per-channel mean and standard deviation.
/// </summary>
public sealed class ImageTensors : IDisposable
{
    private static readonly float[] Mean = [0.4914f, 0.4822f, 0.4465f];
    private static readonly float[] Deviation = [0.2470f, 0.2435f, 0.2616f];

    private ImageTensors(Tensor images, Tensor labels)
    {
        Images = images;
        Labels = labels;
    }

    /// <summary>Normalised images [count, 3, 32, 32].</summary>
    public Tensor Images { get; }

    /// <summary>Class labels [count] (int64).</summary>
    public Tensor Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => (int)Labels.shape[0];

    /// <summary>Converts an image set.</summary>
    public static ImageTensors From(ImageSet set, Device device)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var scope = NewDisposeScope();
        var pixels = tensor(set.AllPixels.ToArray(), [set.Count, ImageSet.Channels, ImageSet.Side, ImageSet.Side]).to(ScalarType.Float32) / 255f;
        var normalised = (pixels - tensor(Mean).reshape(1, 3, 1, 1)) / tensor(Deviation).reshape(1, 3, 1, 1);
        var labels = tensor(set.Labels.ToArray().Select(l => (long)l).ToArray());
        return new ImageTensors(normalised.to(device).MoveToOuterDisposeScope(), labels.to(device).MoveToOuterDisposeScope());
    }

    /// <summary>The first <paramref name="count"/> images, as their own tensors.</summary>
    public ImageTensors Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return new ImageTensors(Images.narrow(0, 0, count).clone(), Labels.narrow(0, 0, count).clone());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
