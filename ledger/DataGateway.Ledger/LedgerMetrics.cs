using Prometheus;

namespace DataGateway.Ledger;

/// <summary>
/// The ledger's instruments (native prometheus-net collectors on its default registry); the gateway exposes them on
/// <c>/metrics</c>. Unlabelled, so each is one series from the moment the writer first commits.
/// </summary>
internal static class LedgerMetrics
{
    /// <summary>Records per group commit.</summary>
    public static readonly Histogram BatchSize = Metrics.CreateHistogram(
        "datagateway_ledger_batch_size", "Records per group commit",
        new HistogramConfiguration { Buckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    /// <summary>Seconds to make one batch durable.</summary>
    public static readonly Histogram CommitDuration = Metrics.CreateHistogram(
        "datagateway_ledger_commit_duration_seconds", "Time to make one batch durable (PostgreSQL commit or journal fsync)",
        new HistogramConfiguration
        {
            Buckets = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            ExemplarBehavior = ExemplarBehavior.NoExemplars(),
        });
}
