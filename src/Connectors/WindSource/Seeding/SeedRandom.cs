namespace Pipeline.Connectors.WindSource.Seeding;

/// <summary>
/// SplitMix64: a small documented generator whose sequence depends on nothing but its seed (unlike
/// System.Random, whose algorithm is an implementation detail), so seeded data is the same everywhere.
/// </summary>
public sealed class SeedRandom(ulong seed)
{
    private ulong _state = seed;

    public static SeedRandom For(int seed, long stream) => new(Mix((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream));

    /// <summary>A uniform value in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal value (Box-Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public int NextInt(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    private ulong Next() => Mix(_state += 0x9E3779B97F4A7C15UL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
