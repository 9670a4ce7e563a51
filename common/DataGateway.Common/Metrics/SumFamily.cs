using System.Diagnostics.Metrics;

namespace DataGateway.Common.Metrics;

/// <summary><see cref="Counter{T}"/> (a Prometheus counter) and <see cref="UpDownCounter{T}"/> (a gauge): measurements are added.</summary>
internal sealed class SumFamily(Instrument instrument, string name, string type, int seriesLimit) : InstrumentFamily(instrument, name, type)
{
    private readonly SeriesTable<ValueSeries> _series = new(tags => new ValueSeries(tags), PrometheusNames.LabelName, seriesLimit);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.Get(tags).Add(value);

    public override IEnumerable<SeriesSample> Read() => _series.All.Select(s => new SeriesSample(s.Tags.Labels, s.Value));
}
