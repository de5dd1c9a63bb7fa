using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PoNasOrleans.Nas.Json;

/// <summary>Runs a JSON writing action and returns the text it wrote.</summary>
public static class JsonText
{
    /// <summary>The JSON written by <paramref name="write"/>: one compact line, or indented for reading.</summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
