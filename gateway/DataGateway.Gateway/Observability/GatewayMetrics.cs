using System.Collections.Concurrent;
using DataGateway.Ledger;
using DataGateway.Policy.Model;
using Prometheus;

namespace DataGateway.Gateway.Observability;

/// <summary>
/// The gateway's instruments, exposed on <c>/metrics</c> (native prometheus-net collectors on its default registry).
/// Labels are bounded sets only: dataset codes of the catalog (a call naming an unknown dataset counts under
/// <c>none</c>, so callers cannot grow the label set), the four caller kinds, reason codes and status codes. No request
/// or caller ids, which would grow without bound.
/// </summary>
/// <remarks>
/// A call measures on the proxy's hot path. prometheus-net's <c>WithLabels(…)</c> allocates a label sequence and
/// takes a lock per lookup, so each labelled child is looked up once and kept here, in dictionaries keyed by the label
/// values themselves (a tuple of the strings the call already holds): a call on a series seen before allocates nothing.
/// </remarks>
internal static class GatewayMetrics
{
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly Counter Calls = Metrics.CreateCounter(
        "datagateway_gateway_calls_total", "Calls with an identified caller, by dataset, caller kind, decision (reason code) and HTTP status",
        new CounterConfiguration { LabelNames = ["dataset", "caller_kind", "decision", "status"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    private static readonly Histogram CallDuration = Metrics.CreateHistogram(
        "datagateway_gateway_call_duration_seconds", "Whole call, from identification to the ledger's commit, by dataset and caller kind",
        new HistogramConfiguration { LabelNames = ["dataset", "caller_kind"], Buckets = LatencyBuckets, ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    private static readonly Histogram UpstreamDuration = Metrics.CreateHistogram(
        "datagateway_gateway_upstream_duration_seconds", "Upstream time to response headers, by dataset",
        new HistogramConfiguration { LabelNames = ["dataset"], Buckets = LatencyBuckets, ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    private static readonly Counter QuotaRejections = Metrics.CreateCounter(
        "datagateway_gateway_quota_rejections_total", "Calls refused because their grant's daily quota was used up, by dataset",
        new CounterConfiguration { LabelNames = ["dataset"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    private static readonly Histogram CatalogReloadDuration = Metrics.CreateHistogram(
        "datagateway_gateway_catalog_reload_duration_seconds", "Time to load a catalog snapshot, by what was read (whole: the catalog; changes: what changed since the snapshot held)",
        new HistogramConfiguration { LabelNames = ["read"], Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], ExemplarBehavior = ExemplarBehavior.NoExemplars() });

    private static readonly Gauge CatalogVersion = Metrics.CreateGauge(
        "datagateway_gateway_catalog_version", "Version of the catalog snapshot being served");

    private static readonly Gauge CatalogLoaded = Metrics.CreateGauge(
        "datagateway_gateway_catalog_loaded_seconds", "When the snapshot being served was loaded (Unix time)");

    private static readonly Gauge JournalBacklog = Metrics.CreateGauge(
        "datagateway_ledger_journal_backlog", "Records in the local journal waiting for PostgreSQL");

    private static readonly Gauge Queued = Metrics.CreateGauge(
        "datagateway_ledger_queued", "Records appended and not yet durable");

    private static readonly ConcurrentDictionary<(string Dataset, string CallerKind), CallSeries> CallSeriesByKey = new();
    private static readonly ConcurrentDictionary<string, Histogram.Child> UpstreamByDataset = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Counter.Child> QuotaRejectionsByDataset = new(StringComparer.Ordinal);

    private static LedgerWriter? _ledger;

    static GatewayMetrics()
    {
        // The ledger's queues change on every call: read at scrape time rather than kept up to date per call.
        Metrics.DefaultRegistry.AddBeforeCollectCallback(ReadLedger);
        // Both kinds of load from the first scrape, so a rate over them never starts from a missing series.
        CatalogReloadDuration.WithLabels("whole");
        CatalogReloadDuration.WithLabels("changes");
    }

    /// <summary>One call with an identified caller, once its ledger record is stored (or could not be).</summary>
    public static void CallCompleted(string dataset, string callerKind, string decision, int status, double seconds, double? upstreamSeconds)
    {
        var series = CallSeriesByKey.TryGetValue((dataset, callerKind), out var found)
            ? found
            : CallSeriesByKey.GetOrAdd((dataset, callerKind), static key => new CallSeries(key.Dataset, key.CallerKind, Calls, CallDuration));
        series.Calls(decision, status).Inc();
        series.Duration.Observe(seconds);
        if (upstreamSeconds is { } upstream)
        {
            var child = UpstreamByDataset.TryGetValue(dataset, out var known)
                ? known
                : UpstreamByDataset.GetOrAdd(dataset, static code => UpstreamDuration.WithLabels(code));
            child.Observe(upstream);
        }
    }

    /// <summary>A call refused with <c>quota_exceeded</c>.</summary>
    public static void QuotaRejected(string dataset) => QuotaRejectionsOf(dataset).Inc();

    /// <summary>A catalog snapshot loaded in <paramref name="seconds"/>.</summary>
    public static void CatalogReloaded(bool whole, double seconds) => CatalogReloadDuration.WithLabels(whole ? "whole" : "changes").Observe(seconds);

    /// <summary>The snapshot now served.</summary>
    /// <remarks>
    /// Every dataset a daily quota can refuse (one with a grant that has a quota) gets its quota series at 0 here, so
    /// the family is on <c>/metrics</c> from the first scrape rather than from the first refusal, and a rate over it
    /// starts at 0 instead of missing its first increase. The label set stays the catalog's datasets.
    /// </remarks>
    public static void CatalogSwapped(CatalogSnapshot snapshot, DateTimeOffset loadedAt)
    {
        foreach (var grant in snapshot.Grants)
        {
            if (grant.DailyQuota is not null)
            {
                QuotaRejectionsOf(grant.DatasetCode);
            }
        }

        CatalogVersion.Set(snapshot.Version);
        CatalogLoaded.Set(loadedAt.ToUnixTimeMilliseconds() / 1000.0);
    }

    private static Counter.Child QuotaRejectionsOf(string dataset) =>
        QuotaRejectionsByDataset.TryGetValue(dataset, out var known)
            ? known
            : QuotaRejectionsByDataset.GetOrAdd(dataset, static code => QuotaRejections.WithLabels(code));

    /// <summary>The writer whose queues <c>/metrics</c> reports (the last one started, one per process outside tests).</summary>
    public static void ObserveLedger(LedgerWriter writer) => Volatile.Write(ref _ledger, writer);

    private static void ReadLedger()
    {
        if (Volatile.Read(ref _ledger) is { } writer)
        {
            JournalBacklog.Set(writer.JournalBacklog);
            Queued.Set(writer.Queued);
        }
    }
}
