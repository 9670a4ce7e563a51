using System.Diagnostics.Metrics;
using System.Numerics;

namespace DataGateway.Common.Metrics;

/// <summary>Picks how an instrument is aggregated and what Prometheus type it becomes.</summary>
internal static class InstrumentFamilies
{
    /// <returns>Null for an instrument kind this exporter does not know (a future one), which is then not exported.</returns>
    public static InstrumentFamily? Create(Instrument instrument, PrometheusMetricsOptions options)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var kind = instrument.GetType().GetGenericTypeDefinition();
        var limit = options.MaxSeriesPerInstrument;
        string Name(bool isCounter) => PrometheusNames.MetricName(instrument.Name, instrument.Unit, isCounter);

        if (kind == typeof(Counter<>))
        {
            return new SumFamily(instrument, Name(isCounter: true), MetricTypes.Counter, limit);
        }

        if (kind == typeof(UpDownCounter<>))
        {
            return new SumFamily(instrument, Name(isCounter: false), MetricTypes.Gauge, limit);
        }

        if (kind == typeof(ObservableCounter<>))
        {
            return new LastValueFamily(instrument, Name(isCounter: true), MetricTypes.Counter, limit);
        }

        if (kind == typeof(Gauge<>) || kind == typeof(ObservableGauge<>) || kind == typeof(ObservableUpDownCounter<>))
        {
            return new LastValueFamily(instrument, Name(isCounter: false), MetricTypes.Gauge, limit);
        }

        if (kind == typeof(Histogram<>))
        {
            var bounds = UsableBounds(AdvisedBounds(instrument)) ?? UsableBounds(options.DefaultHistogramBoundaries) ?? [];
            return new HistogramFamily(instrument, Name(isCounter: false), bounds, limit);
        }

        return null;
    }

    private static IReadOnlyList<double>? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Instrument<double> i => Bounds(i),
        Instrument<float> i => Bounds(i),
        Instrument<long> i => Bounds(i),
        Instrument<int> i => Bounds(i),
        Instrument<short> i => Bounds(i),
        Instrument<byte> i => Bounds(i),
        Instrument<decimal> i => Bounds(i),
        _ => null,
    };

    private static double[]? Bounds<T>(Instrument<T> instrument) where T : struct, INumberBase<T> =>
        instrument.Advice?.HistogramBucketBoundaries?.Select(double.CreateTruncating).ToArray();

    /// <summary>Bounds must ascend strictly and be finite (<c>+Inf</c> is always added); anything else is not used.</summary>
    private static double[]? UsableBounds(IReadOnlyList<double>? bounds)
    {
        if (bounds is null)
        {
            return null;
        }

        for (var i = 0; i < bounds.Count; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                return null;
            }
        }

        return [.. bounds];
    }
}
