using System.Collections.Concurrent;

namespace DataGateway.Policy.Opa;

/// <summary>
/// OPA's answers by input document, each for <see cref="OpaOptions.CacheTtl"/> on the injected clock. Only answers
/// are kept, never failures: a timeout is asked again on the next call, and refused until OPA answers.
/// </summary>
/// <remarks>Bounded: past <see cref="OpaOptions.CacheSize"/> entries it starts over, which only costs asking again.</remarks>
internal sealed class OpaDecisionCache(OpaOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<InputKey, Entry> _entries = new();
    private long _hits;

    /// <summary>How many answers were served from the cache (for tests and the benchmark).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public bool TryGet(byte[] input, out OpaVerdict verdict, out OpaMemo memo)
    {
        if (options.CacheTtl > TimeSpan.Zero && _entries.TryGetValue(new InputKey(input), out var entry)
            && time.GetUtcNow() < entry.Expires)
        {
            Interlocked.Increment(ref _hits);
            (verdict, memo) = (entry.Verdict, entry.Memo);
            return true;
        }

        (verdict, memo) = (null!, null!);
        return false;
    }

    public OpaMemo Set(byte[] input, OpaVerdict verdict)
    {
        var memo = new OpaMemo();
        if (options.CacheTtl <= TimeSpan.Zero)
        {
            return memo;
        }

        if (_entries.Count >= options.CacheSize)
        {
            _entries.Clear();
        }

        _entries[new InputKey(input)] = new Entry(verdict, memo, time.GetUtcNow() + options.CacheTtl);
        return memo;
    }

    private sealed record Entry(OpaVerdict Verdict, OpaMemo Memo, DateTimeOffset Expires);

    /// <summary>An input document compared by content.</summary>
    private readonly struct InputKey : IEquatable<InputKey>
    {
        private readonly byte[] _bytes;
        private readonly int _hash;

        public InputKey(byte[] bytes)
        {
            _bytes = bytes;
            var hash = new HashCode();
            hash.AddBytes(bytes);
            _hash = hash.ToHashCode();
        }

        public bool Equals(InputKey other) => _hash == other._hash && _bytes.AsSpan().SequenceEqual(other._bytes);

        public override bool Equals(object? obj) => obj is InputKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}
