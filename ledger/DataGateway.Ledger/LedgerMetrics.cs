using System.Diagnostics.Metrics;

namespace DataGateway.Ledger;

/// <summary>The ledger's instruments; the gateway exposes them on <c>/metrics</c>.</summary>
public static class LedgerMetrics
{
    public const string MeterName = "DataGateway.Ledger";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "datagateway.ledger.batch.size", "{record}", "Records per group commit",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] });

    public static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "datagateway.ledger.commit.duration", "s", "Time to make one batch durable (PostgreSQL commit or journal fsync)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
}
