using System.Diagnostics.Metrics;

namespace DataGateway.Common.Metrics;

/// <summary>A <see cref="Histogram{T}"/> with fixed bucket upper bounds.</summary>
internal sealed class HistogramFamily : InstrumentFamily
{
    private readonly SeriesTable<HistogramSeries> _series;

    public HistogramFamily(Instrument instrument, string name, double[] upperBounds, int seriesLimit)
        : base(instrument, name, MetricTypes.Histogram)
    {
        UpperBounds = upperBounds;
        _series = new SeriesTable<HistogramSeries>(tags => new HistogramSeries(tags, upperBounds.Length + 1), LabelName, seriesLimit);
    }

    /// <summary>Ascending and finite; the <c>+Inf</c> bucket is implied.</summary>
    public double[] UpperBounds { get; }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // One NaN or infinity would make _sum useless for the rest of the process's life.
        if (!double.IsFinite(value))
        {
            return;
        }

        var index = Array.BinarySearch(UpperBounds, value);
        // Buckets are "less than or equal": a value on a bound counts in that bound's bucket.
        _series.Get(tags).Record(index >= 0 ? index : ~index, value);
    }

    public override IEnumerable<SeriesSample> Read() => _series.All.Select(s => new SeriesSample(s.Tags.Labels, s.Sum, s.ReadBuckets()));

    /// <summary><c>le</c> is the bucket's own label; a tag of that name would collide with it.</summary>
    private static string LabelName(string tagKey) => PrometheusNames.LabelName(tagKey) is var name && name == "le" ? "tag_le" : name;
}
