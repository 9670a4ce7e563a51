using System.Diagnostics.Metrics;

namespace DataGateway.Gateway.Observability;

/// <summary>
/// The gateway's instruments, exposed on <c>/metrics</c>. Labels are bounded sets only: dataset codes of the
/// catalog (a call naming an unknown dataset counts under <c>none</c>, so callers cannot grow the label set), the
/// four caller kinds, reason codes and status codes. No request or caller ids, which would grow without bound.
/// </summary>
internal static class GatewayMetrics
{
    public const string MeterName = "DataGateway.Gateway";

    private static readonly Meter Meter = new(MeterName);

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "datagateway.gateway.calls", "{call}", "Calls with an identified caller, by dataset, caller kind, decision (reason code) and HTTP status");

    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "datagateway.gateway.call.duration", "s", "Whole call, from identification to the ledger's commit, by dataset and caller kind",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    public static readonly Histogram<double> UpstreamDuration = Meter.CreateHistogram<double>(
        "datagateway.gateway.upstream.duration", "s", "Upstream time to response headers, by dataset",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    public static readonly Counter<long> QuotaRejections = Meter.CreateCounter<long>(
        "datagateway.gateway.quota.rejections", "{call}", "Calls refused because their grant's daily quota was used up, by dataset");

    public static readonly Histogram<double> CatalogReloadDuration = Meter.CreateHistogram<double>(
        "datagateway.gateway.catalog.reload.duration", "s", "Time to load a catalog snapshot",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Registers gauges read at scrape time; <paramref name="observe"/> is called once per scrape.</summary>
    public static ObservableGauge<T> Gauge<T>(string name, string unit, string description, Func<T> observe)
        where T : struct => Meter.CreateObservableGauge(name, observe, unit, description);
}
