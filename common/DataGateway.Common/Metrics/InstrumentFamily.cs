using System.Diagnostics.Metrics;

namespace DataGateway.Common.Metrics;

/// <summary>What one instrument has measured so far, under its Prometheus family name.</summary>
internal abstract class InstrumentFamily(Instrument instrument, string name, string type)
{
    public Instrument Instrument { get; } = instrument;

    public string Name { get; } = name;

    /// <summary>One of <see cref="MetricTypes"/>.</summary>
    public string Type { get; } = type;

    /// <summary>The description; the instrument's own name where it has none, since promtool flags a family without help.</summary>
    public string Help => string.IsNullOrWhiteSpace(Instrument.Description) ? Instrument.Name : Instrument.Description;

    /// <summary>Called from the instrument's hot path: no locks, no allocation once the series exists.</summary>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Called before observable instruments are asked for their values at a scrape.</summary>
    public virtual void BeginCollection()
    {
    }

    public abstract IEnumerable<SeriesSample> Read();
}
