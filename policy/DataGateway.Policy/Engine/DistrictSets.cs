using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace DataGateway.Policy.Engine;

/// <summary>
/// One shared, immutable one-element set per district code, so a decision about one district's rows allocates
/// nothing. District codes are a small closed set (16 in Shanghai); the cache stops growing at a bound anyway.
/// </summary>
internal static class DistrictSets
{
    private const int MaxCached = 4096;
    private static readonly ConcurrentDictionary<string, IReadOnlySet<string>> Sets = new(StringComparer.Ordinal);

    public static IReadOnlySet<string> Of(string code)
    {
        if (Sets.TryGetValue(code, out var set))
        {
            return set;
        }

        set = new[] { code }.ToFrozenSet(StringComparer.Ordinal);
        return Sets.Count < MaxCached ? Sets.GetOrAdd(code, set) : set;
    }
}
