using System.Text;
using static TorchSharp.torch;

namespace PoNasOrleans.Training.ChildTraining;

/// <summary>
/// Checks model bytes against a network before TorchSharp loads them. The format is what <c>Module.save(Stream)</c>
/// writes: the number of tensors (unsigned LEB128), then per tensor its state-dictionary name (a .NET
/// <c>BinaryWriter</c> string: LEB128 byte length, UTF-8), element type (LEB128 of <c>ScalarType</c>), rank and
/// dimensions (LEB128 each) and the raw little-endian elements. Every tensor of the network must appear once with its
/// type and shape, and nothing may follow the last one. TorchSharp's own loader trusts the lengths it reads (a
/// truncated file gives a short read, garbage can ask for gigabytes), so the bytes are walked here first and every
/// problem becomes an <see cref="InvalidDataException"/> that says what was wrong and where.
/// </summary>
internal static class TrainedModelFormat
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws <see cref="InvalidDataException"/> unless <paramref name="bytes"/> are a saved state of exactly <paramref name="expected"/>'s tensors.</summary>
    public static void Check(IReadOnlyDictionary<string, Tensor> expected, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (bytes.IsEmpty)
        {
            throw new InvalidDataException("the model is empty (0 bytes)");
        }

        var reader = new Reader(bytes);
        var count = reader.Length("the tensor count");
        if (count != expected.Count)
        {
            throw new InvalidDataException(
                $"the model holds {count} tensors, the architecture's network has {expected.Count} ({string.Join(", ", expected.Keys)}): a model of another architecture, or not a TorchSharp module");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            var name = reader.Name(i);
            if (!expected.TryGetValue(name, out var tensor))
            {
                throw new InvalidDataException(
                    $"tensor {i} of the model is named {Shown(name)}, which the architecture's network does not have (it has {string.Join(", ", expected.Keys)}): a model of another architecture, or not a TorchSharp module");
            }

            if (!seen.Add(name))
            {
                throw new InvalidDataException($"tensor {i} of the model, '{name}', appears twice: not a saved TorchSharp module");
            }

            var type = reader.Length($"the element type of tensor '{name}'");
            if (type != (long)tensor.dtype)
            {
                throw new InvalidDataException($"tensor '{name}' of the model has element type {Type(type)}, the network needs {tensor.dtype}: not a model of this network");
            }

            var rank = reader.Length($"the rank of tensor '{name}'");
            if (rank != tensor.shape.Length)
            {
                throw new InvalidDataException($"tensor '{name}' of the model has {rank} dimensions, the architecture's network needs {tensor.shape.Length} ({Shape(tensor.shape)}): a model of another architecture");
            }

            var shape = new long[rank];
            for (var d = 0; d < rank; d++)
            {
                shape[d] = reader.Length($"dimension {d + 1} of tensor '{name}'");
            }

            if (!shape.AsSpan().SequenceEqual(tensor.shape))
            {
                throw new InvalidDataException($"tensor '{name}' of the model has shape {Shape(shape)}, the architecture's network needs {Shape(tensor.shape)}: a model of another architecture");
            }

            reader.Skip(tensor.numel() * tensor.ElementSize, $"the {Shape(shape)} elements of tensor '{name}'");
        }

        if (reader.Remaining > 0)
        {
            throw new InvalidDataException($"the model has {reader.Remaining} bytes after its last tensor (at byte {reader.Position} of {bytes.Length}): not one saved TorchSharp module");
        }
    }

    private static string Shape(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return $"[{string.Join(", ", parts)}]";
    }

    private static string Type(long code) =>
        code <= sbyte.MaxValue && Enum.IsDefined((ScalarType)(sbyte)code) ? $"{(ScalarType)(sbyte)code}" : $"code {code}";

    /// <summary>A name as it may appear in a message: quoted when short and printable, else only its length.</summary>
    private static string Shown(string name) =>
        name.Length <= 80 && !name.Any(char.IsControl) ? $"'{name}'" : $"of {name.Length} characters";

    /// <summary>Reads the format's pieces from a span, refusing every read past its end.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;

        public int Position { get; private set; }

        public readonly int Remaining => bytes.Length - Position;

        /// <summary>An unsigned LEB128 value of at most 63 bits (a count, type code or dimension).</summary>
        public long Length(string what)
        {
            var start = Position;
            long value = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (Position >= bytes.Length)
                {
                    throw Truncated(what, start);
                }

                var b = bytes[Position++];
                if ((shift == 63 && b > 0) || shift > 63)
                {
                    throw new InvalidDataException($"{what} at byte {start} is not a number of 63 bits or less: not a saved TorchSharp module");
                }

                value |= (long)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }

        /// <summary>A <c>BinaryWriter</c> string: its UTF-8 byte length, then the bytes.</summary>
        public string Name(int index)
        {
            var what = $"the name of tensor {index}";
            var start = Position;
            var length = Length(what);
            if (length > Remaining)
            {
                throw Truncated(what, Position, length);
            }

            try
            {
                var name = StrictUtf8.GetString(bytes.Slice(Position, (int)length));
                Position += (int)length;
                return name;
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidDataException($"{what} at byte {start} is not UTF-8 text: not a saved TorchSharp module", e);
            }
        }

        public void Skip(long length, string what)
        {
            if (length > Remaining)
            {
                throw Truncated(what, Position, length);
            }

            Position += (int)length;
        }

        private readonly InvalidDataException Truncated(string what, int start, long? needed = null) => new(needed is { } n
            ? $"the model is truncated: {what} (from byte {start}) needs {n} bytes, only {Remaining} of its {bytes.Length} bytes remain"
            : $"the model is truncated: it ends at byte {bytes.Length} inside {what}");
    }
}
