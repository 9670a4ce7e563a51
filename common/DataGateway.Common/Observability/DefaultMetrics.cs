using Prometheus;

namespace DataGateway.Common.Observability;

/// <summary>Which of prometheus-net's own default metrics <c>/metrics</c> carries.</summary>
/// <remarks>
/// Kept: the process metrics (CPU, memory, threads, GC collections, start time), which an operator wants from every
/// replica and which promtool's lint accepts. Left out: the adapters for <c>System.Diagnostics.Metrics</c> and event
/// counters (~70 framework instruments, counters exported as gauges without <c>_total</c>, which the lint refuses)
/// and prometheus-net's debug metrics about itself.
/// </remarks>
internal static class DefaultMetrics
{
    /// <summary>Takes effect before the first scrape of the process; a later call changes nothing.</summary>
    public static void Configure() => Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
    {
        SuppressProcessMetrics = false,
        SuppressDebugMetrics = true,
        SuppressEventCounters = true,
        SuppressMeters = true,
    });
}
