using System.Diagnostics.Metrics;

namespace DataGateway.Common.Metrics;

/// <summary>
/// Instruments whose measurement is the value itself: <see cref="Gauge{T}"/>, and the observable instruments, whose
/// callbacks report a current gauge reading or a counter's running total when the listener asks at a scrape.
/// </summary>
/// <remarks>
/// An observable instrument's series start afresh at each scrape, so a tag set its callback stops reporting
/// (a queue that was removed) disappears instead of repeating its last value forever.
/// </remarks>
internal sealed class LastValueFamily(Instrument instrument, string name, string type, int seriesLimit) : InstrumentFamily(instrument, name, type)
{
    private volatile SeriesTable<ValueSeries> _series = NewTable(seriesLimit);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.Get(tags).Set(value);

    public override void BeginCollection()
    {
        if (Instrument.IsObservable)
        {
            _series = NewTable(seriesLimit);
        }
    }

    public override IEnumerable<SeriesSample> Read() => _series.All.Select(s => new SeriesSample(s.Tags.Labels, s.Value));

    private static SeriesTable<ValueSeries> NewTable(int seriesLimit) => new(tags => new ValueSeries(tags), PrometheusNames.LabelName, seriesLimit);
}
