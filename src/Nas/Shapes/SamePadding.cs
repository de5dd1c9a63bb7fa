namespace PoNasOrleans.Nas.Shapes;

/// <summary>
/// Zero padding on the four sides of a feature map. A "same" padding total is split floor/ceil: the smaller half
/// on top and left, the larger on bottom and right (as the reference and TensorFlow do).
/// </summary>
public readonly record struct SamePadding(int Top, int Bottom, int Left, int Right)
{
    /// <summary>Whether no side is padded.</summary>
    public bool IsZero => Top == 0 && Bottom == 0 && Left == 0 && Right == 0;

    /// <summary>Splits height and width padding totals floor/ceil between the two sides.</summary>
    public static SamePadding Split(int heightTotal, int widthTotal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(heightTotal);
        ArgumentOutOfRangeException.ThrowIfNegative(widthTotal);
        return new SamePadding(heightTotal / 2, heightTotal - (heightTotal / 2), widthTotal / 2, widthTotal - (widthTotal / 2));
    }

    /// <summary>The padding in the order of <c>torch.nn.functional.pad</c> for a 4-D tensor: left, right, top, bottom.</summary>
    public long[] ToTorchPad() => [Left, Right, Top, Bottom];
}
