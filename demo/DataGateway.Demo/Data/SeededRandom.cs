using System.Text;

namespace DataGateway.Demo.Data;

/// <summary>A small pseudo-random generator (xoshiro256**) seeded from a number and a stream name.</summary>
/// <remarks>
/// <see cref="Random"/>'s algorithm is an implementation detail of the runtime; the demo's data must stay
/// byte-identical for a given seed on any runtime, so the algorithm is fixed here. Each dataset draws from a
/// stream of its own, so adding a dataset or changing one generator never changes another dataset's rows.
/// </remarks>
internal sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SeededRandom(long seed, string stream, long index = 0)
    {
        var x = (ulong)seed ^ Fnv1a(stream) ^ ((ulong)index * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int Next(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public DateOnly NextDate(DateOnly from, DateOnly to) => from.AddDays(Next(0, to.DayNumber - from.DayNumber));

    /// <summary>A value with two decimals in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <remarks>Made from whole hundredths so that the JSON text is exactly the two-decimal value.</remarks>
    public double NextAmount(double min, double max) =>
        Next((int)Math.Round(min * 100), (int)Math.Round(max * 100)) / 100.0;

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }
}
