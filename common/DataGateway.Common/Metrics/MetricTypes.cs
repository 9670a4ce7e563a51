namespace DataGateway.Common.Metrics;

/// <summary>The Prometheus metric types this exporter writes on <c># TYPE</c> lines.</summary>
internal static class MetricTypes
{
    public const string Counter = "counter";
    public const string Gauge = "gauge";
    public const string Histogram = "histogram";
}
