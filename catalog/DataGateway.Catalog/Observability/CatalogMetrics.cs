using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace DataGateway.Catalog.Observability;

/// <summary>
/// The catalog's instruments, exposed on <c>/metrics</c> (native prometheus-net collectors on its default registry):
/// the catalog's version in PostgreSQL, and every request's duration by route template, method, status and error type.
/// </summary>
/// <remarks>
/// The request histogram keeps the name and labels of ASP.NET Core's own <c>http.server.request.duration</c>, which
/// <c>/metrics</c> exported before (dashboards keep working); it is measured here because prometheus-net's adapter for
/// the framework's meters exports from the first scrape only. Every label is a bounded set: route templates (never the
/// path a caller typed; empty when no route matched), the HTTP methods with the rest as <c>_OTHER</c>, status codes,
/// and exception type names.
/// </remarks>
internal static class CatalogMetrics
{
    private static readonly Gauge Version = Metrics.CreateGauge(
        "datagateway_catalog_version", "The catalog's version in PostgreSQL (-1 until first read)");

    private static readonly Gauge VersionReadAt = Metrics.CreateGauge(
        "datagateway_catalog_version_read_seconds", "When the version was last read (Unix time)");

    private static readonly Histogram RequestDuration = Metrics.CreateHistogram(
        "http_server_request_duration_seconds", "Duration of HTTP server requests, by route template, method, status and error type",
        new HistogramConfiguration
        {
            LabelNames = ["error_type", "http_request_method", "http_response_status_code", "http_route"],
            // ASP.NET Core's advice for http.server.request.duration, as exported before.
            Buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
            ExemplarBehavior = ExemplarBehavior.NoExemplars(),
        });

    private static readonly ConcurrentDictionary<(string Route, string Method, int Status, string ErrorType), Histogram.Child> Requests = new();

    static CatalogMetrics() => Version.Set(-1);

    /// <summary>The version read from PostgreSQL at <paramref name="at"/>.</summary>
    public static void VersionRead(long version, DateTimeOffset at)
    {
        Version.Set(version);
        VersionReadAt.Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>One request answered; <paramref name="errorType"/> is empty unless an exception ended it.</summary>
    public static void RequestCompleted(string route, string method, int status, string errorType, double seconds)
    {
        var key = (route, method, status, errorType);
        var child = Requests.TryGetValue(key, out var known)
            ? known
            : Requests.GetOrAdd(key, static k => RequestDuration.WithLabels(k.ErrorType, k.Method, k.Status.ToString(CultureInfo.InvariantCulture), k.Route));
        child.Observe(seconds);
    }
}
