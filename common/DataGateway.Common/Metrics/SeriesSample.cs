namespace DataGateway.Common.Metrics;

/// <summary>One series as read at a scrape.</summary>
/// <param name="Labels">Label text without braces, as <see cref="TagSet.Labels"/>.</param>
/// <param name="Value">A counter's or gauge's value; a histogram's sum.</param>
/// <param name="Buckets">A histogram's count per bucket, not cumulative; null for counters and gauges.</param>
internal readonly record struct SeriesSample(string Labels, double Value, long[]? Buckets = null)
{
    /// <summary>Two series that render to the same labels (two meters of one name, <c>1</c> and <c>"1"</c> as tag values) are added up: Prometheus refuses a scrape that repeats a series.</summary>
    public SeriesSample Plus(SeriesSample other) => this with
    {
        Value = Value + other.Value,
        Buckets = Buckets is null || other.Buckets is null ? Buckets : [.. Buckets.Zip(other.Buckets, (a, b) => a + b)],
    };
}
