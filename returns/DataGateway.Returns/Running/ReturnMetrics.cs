using Prometheus;

namespace DataGateway.Returns.Running;

/// <summary>
/// The worker's instruments on <c>/metrics</c>. Labels are bounded: dataset codes of the catalog, three outcomes.
/// </summary>
internal static class ReturnMetrics
{
    private static readonly Counter RowsDelivered = Metrics.CreateCounter(
        "datagateway_returns_rows_delivered_total", "Rows pushed to landing zones and acknowledged, by dataset",
        new CounterConfiguration { LabelNames = ["dataset"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    private static readonly Counter Batches = Metrics.CreateCounter(
        "datagateway_returns_batches_total",
        "Batches sent, by dataset and outcome (delivered; duplicate: the zone had it already; failed: given up for this pass)",
        new CounterConfiguration { LabelNames = ["dataset", "outcome"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    private static readonly Gauge JobsRunning = Metrics.CreateGauge("datagateway_returns_jobs_running", "Return jobs this worker is running");

    public static void Delivered(string dataset, int rows, bool duplicate)
    {
        RowsDelivered.WithLabels(dataset).Inc(rows);
        Batches.WithLabels(dataset, duplicate ? "duplicate" : "delivered").Inc();
    }

    public static void Failed(string dataset) => Batches.WithLabels(dataset, "failed").Inc();

    public static IDisposable Running() => JobsRunning.TrackInProgress();
}
