namespace DataGateway.Common.Metrics;

/// <summary>Which meters <c>/metrics</c> exports, and the limits that keep it cheap.</summary>
public sealed class PrometheusMetricsOptions
{
    /// <summary>The platform's own meters; the framework's (Kestrel, HttpClient, the runtime) stay out unless added.</summary>
    public const string DefaultMeterPrefix = "DataGateway";

    /// <summary>A meter is exported when its name starts with one of these (ordinal, case-sensitive).</summary>
    public IList<string> MeterPrefixes { get; } = [DefaultMeterPrefix];

    /// <summary>
    /// Upper bounds for histograms whose instrument gives no <c>HistogramBucketBoundaries</c> advice: latencies in
    /// seconds from half a millisecond to ten seconds.
    /// </summary>
    public IReadOnlyList<double> DefaultHistogramBoundaries { get; set; } =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Tag sets kept per instrument; measurements with further tag sets are counted in one overflow series.</summary>
    public int MaxSeriesPerInstrument { get; set; } = 2000;
}
