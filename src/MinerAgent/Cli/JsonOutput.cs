using System.Text.Json;
using PoNasOrleans.Nas.Json;

namespace PoNasOrleans.MinerAgent.Cli;

/// <summary>Writes one indented JSON document to a text writer.</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        output.WriteLine(JsonText.Write(write, indented: true));
        output.Flush();
    }
}
