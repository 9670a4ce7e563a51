using System.Collections.Concurrent;

namespace DataGateway.Common.Metrics;

/// <summary>
/// An instrument's series, found by the tags of a measurement. Finding a known series takes no lock and allocates
/// nothing; only a tag set seen for the first time takes the table's lock to add its series.
/// </summary>
/// <remarks>
/// A tag with unbounded values (a request id, a caller-supplied string) would otherwise grow the table until the
/// process runs out of memory. Past the limit, new tag sets share one series labelled
/// <c>otel_metric_overflow="true"</c>, as OpenTelemetry's SDK does, so totals stay right and the cause is visible.
/// </remarks>
internal sealed class SeriesTable<TSeries>(Func<TagSet, TSeries> create, Func<string, string> labelName, int limit)
    where TSeries : class, ISeries
{
    private static readonly KeyValuePair<string, object?>[] OverflowTags = [new("otel.metric.overflow", true)];

    // Keyed by the tag hash so a lookup needs no key object; the rare colliding tag sets share an array.
    private readonly ConcurrentDictionary<int, TSeries[]> _byHash = new();
    private readonly Lock _gate = new();
    private volatile TSeries[] _all = [];
    private TSeries? _overflow;

    public IReadOnlyList<TSeries> All => _all;

    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = TagSet.HashOf(tags);
        return Find(hash, tags) ?? Add(hash, tags);
    }

    private TSeries? Find(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_byHash.TryGetValue(hash, out var candidates))
        {
            foreach (var series in candidates)
            {
                if (series.Tags.Matches(tags))
                {
                    return series;
                }
            }
        }

        return null;
    }

    private TSeries Add(int hash, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_all.Length >= limit && _overflow is { } full)
        {
            return full;
        }

        lock (_gate)
        {
            if (Find(hash, tags) is { } added)
            {
                return added;
            }

            if (_all.Length >= limit)
            {
                return _overflow ??= Append(create(TagSet.Create(OverflowTags, TagSet.HashOf(OverflowTags), labelName)));
            }

            var series = create(TagSet.Create(tags, hash, labelName));
            _byHash[hash] = _byHash.TryGetValue(hash, out var colliding) ? [.. colliding, series] : [series];
            return Append(series);
        }
    }

    private TSeries Append(TSeries series)
    {
        _all = [.. _all, series];
        return series;
    }
}
