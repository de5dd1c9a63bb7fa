namespace PoNasOrleans.Datasets;

/// <summary>The CIFAR-10 binary batch format: records of 3,073 bytes (label byte, then 3,072 pixel bytes).</summary>
public static class CifarBinary
{
    /// <summary>Bytes per record.</summary>
    public const int RecordSize = 1 + ImageSet.PixelsPerImage;

    /// <summary>Reads a whole batch; <paramref name="source"/> names it in errors.</summary>
    public static ImageSet Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), source);
    }

    /// <summary>Parses the bytes of a whole batch; <paramref name="source"/> names it in errors.</summary>
    public static ImageSet Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length == 0)
        {
            throw new DatasetFormatException($"{source}: the file is empty");
        }

        if (bytes.Length % RecordSize != 0)
        {
            throw new DatasetFormatException($"{source}: {bytes.Length} bytes is not a whole number of {RecordSize}-byte CIFAR-10 records ({bytes.Length / RecordSize} records and {bytes.Length % RecordSize} bytes left over): truncated or not a CIFAR-10 batch");
        }

        var count = bytes.Length / RecordSize;
        var labels = new byte[count];
        var pixels = new byte[count * ImageSet.PixelsPerImage];
        for (var i = 0; i < count; i++)
        {
            var record = bytes.Slice(i * RecordSize, RecordSize);
            if (record[0] >= ImageSet.Classes)
            {
                throw new DatasetFormatException($"{source}: record {i + 1} has label {record[0]}, not a class 0–{ImageSet.Classes - 1}: not a CIFAR-10 batch (CIFAR-100 files have two label bytes)");
            }

            labels[i] = record[0];
            record[1..].CopyTo(pixels.AsSpan(i * ImageSet.PixelsPerImage));
        }

        return new ImageSet(labels, pixels);
    }

    /// <summary>Writes a batch.</summary>
    public static void Write(Stream stream, ImageSet images)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(images);
        var record = new byte[RecordSize];
        for (var i = 0; i < images.Count; i++)
        {
            record[0] = (byte)images.Label(i);
            images.Pixels(i).CopyTo(record.AsSpan(1));
            stream.Write(record);
        }
    }
}
