using System.Collections.Immutable;

namespace PoNasOrleans.Nas.Randomness;

/// <summary>
/// A reproducible random source (xoshiro256**, seeded through SplitMix64). Unlike <see cref="Random"/>, its
/// algorithm is fixed by this project and its whole state can be saved and restored, so a partition, a
/// sample or a controller's draws can be reproduced exactly on any machine.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>Creates a source from a seed; the same seed always gives the same sequence.</summary>
    public SeededRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    private SeededRandom(ImmutableArray<ulong> state) => Restore(state);

    /// <summary>Restores a source from a state saved with <see cref="State"/>.</summary>
    public static SeededRandom FromState(ImmutableArray<ulong> state) => new(state);

    /// <summary>The four state words; together with <see cref="FromState"/> this continues the exact sequence.</summary>
    public ImmutableArray<ulong> State => [s0, s1, s2, s3];

    /// <summary>Next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias.</summary>
    public ulong NextUInt64(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var threshold = (0 - bound) % bound;
        while (true)
        {
            var high = Math.BigMul(NextUInt64(), bound, out var low);
            if (low >= threshold)
            {
                return high;
            }
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)NextUInt64((ulong)bound);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw (Box–Muller, two uniform draws).</summary>
    public double NextGaussian()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>A new independent source derived from this one (for per-miner or per-layer streams).</summary>
    public SeededRandom Fork() => new(NextUInt64());

    private void Restore(ImmutableArray<ulong> state)
    {
        if (state.Length != 4 || state.All(word => word == 0))
        {
            throw new ArgumentException("a random state is four 64-bit words, not all zero", nameof(state));
        }

        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
