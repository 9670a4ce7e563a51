namespace DataGateway.Common.Metrics;

/// <summary>One labelled histogram: a count per bucket (not cumulative until it is written) and the sum.</summary>
/// <remarks>
/// There is no separate total count: it is the sum of the buckets when scraped, so <c>_count</c> always equals the
/// <c>+Inf</c> bucket even while measurements arrive during the scrape.
/// </remarks>
internal sealed class HistogramSeries(TagSet tags, int bucketCount) : ISeries
{
    private readonly long[] _buckets = new long[bucketCount];
    private double _sum;

    public TagSet Tags { get; } = tags;

    /// <param name="bucket">Index of the first upper bound not below the value; the last index is <c>+Inf</c>.</param>
    public void Record(int bucket, double value)
    {
        Interlocked.Increment(ref _buckets[bucket]);
        AtomicDouble.Add(ref _sum, value);
    }

    public double Sum => Volatile.Read(ref _sum);

    public long[] ReadBuckets()
    {
        var counts = new long[_buckets.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _buckets[i]);
        }

        return counts;
    }
}
