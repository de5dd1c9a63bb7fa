using System.Text.Json;
using PoNasOrleans.Nas.Fpga;

namespace PoNasOrleans.Nas.Json;

/// <summary>
/// The JSON form of an FPGA estimate: <c>{"luts":…,"cycles":…,"throughput":…,"feasible":…,
/// "groups":[[{"tn":…,"tm":…,"luts":…,"cycles":…}, …], …]}</c>, throughput with full round-trip precision.
/// </summary>
public static class FpgaEstimateJson
{
    /// <summary>Writes an estimate as one compact line of JSON.</summary>
    public static string Write(FpgaEstimate estimate) =>
        JsonText.Write(writer => Write(writer, estimate));

    /// <summary>Writes an estimate to a JSON writer.</summary>
    public static void Write(Utf8JsonWriter writer, FpgaEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(estimate);
        writer.WriteStartObject();
        writer.WriteNumber("luts", estimate.Luts);
        writer.WriteNumber("cycles", estimate.Cycles);
        writer.WriteNumber("throughput", estimate.Throughput);
        writer.WriteBoolean("feasible", estimate.Feasible);
        writer.WriteStartArray("groups");
        foreach (var group in estimate.Groups)
        {
            writer.WriteStartArray();
            foreach (var tiling in group)
            {
                writer.WriteStartObject();
                writer.WriteNumber("tn", tiling.Tn);
                writer.WriteNumber("tm", tiling.Tm);
                writer.WriteNumber("luts", tiling.Luts);
                writer.WriteNumber("cycles", tiling.Cycles);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
