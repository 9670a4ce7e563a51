using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataGateway.Common.Metrics;

/// <summary>Wires the Prometheus exporter into a host: the collector as a singleton, and its scrape endpoint.</summary>
public static class PrometheusMetricsExtensions
{
    /// <summary>Exports the meters whose names start with <see cref="PrometheusMetricsOptions.MeterPrefixes"/> (by default <c>DataGateway</c>).</summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, Action<PrometheusMetricsOptions>? configure = null)
    {
        var options = services.AddOptions<PrometheusMetricsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<MetricsCollector>();
        services.TryAddSingleton<IPrometheusExporter>(sp => sp.GetRequiredService<MetricsCollector>());
        return services;
    }

    /// <summary>
    /// Serves the exposition at <paramref name="pattern"/> to GET, without a token: Prometheus scrapes it from inside
    /// the cluster, and the network policy, not a bearer token, keeps others out.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        // Resolved now rather than at the first scrape: the listener only sees measurements made after it starts.
        var exporter = endpoints.ServiceProvider.GetRequiredService<IPrometheusExporter>();
        return endpoints.MapGet(pattern, (HttpContext context) =>
        {
            context.Response.ContentType = ExpositionText.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(exporter.Scrape(), context.RequestAborted);
        }).ExcludeFromDescription();
    }
}
