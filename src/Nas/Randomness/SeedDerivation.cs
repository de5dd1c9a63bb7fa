using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PoNasOrleans.Nas.Randomness;

/// <summary>Derives independent, reproducible seeds from a run's seed and a label (e.g. a subspace name, a miner id and a sequence).</summary>
public static class SeedDerivation
{
    /// <summary>The first 8 bytes of SHA-256(seed ‖ parts joined by '/').</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<string> parts)
    {
        var label = Encoding.UTF8.GetBytes(string.Join('/', parts.ToArray()));
        var input = new byte[8 + label.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(input, seed);
        label.CopyTo(input, 8);
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(input));
    }
}
