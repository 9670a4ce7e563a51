using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace DataGateway.Common.Observability;

/// <summary>
/// <c>/metrics</c> for both services: prometheus-net's own endpoint over its default registry, where each service
/// defines its instruments as native prometheus-net collectors (static, in one class per service).
/// </summary>
/// <remarks>
/// <para>Native collectors, not prometheus-net's adapter for <c>System.Diagnostics.Metrics</c>: the adapter exports
/// counters as gauges without <c>_total</c>, starts listening only at the first scrape (what was measured before is
/// lost) and brings ~70 framework instruments. A native collector counts from the moment it exists.</para>
/// <para>Of prometheus-net's defaults only the process metrics stay (<see cref="DefaultMetrics"/>).</para>
/// </remarks>
public static class MetricsEndpointExtensions
{
    /// <summary>
    /// Serves the text exposition (0.0.4) at <paramref name="pattern"/> to GET, without a token: Prometheus scrapes it
    /// from inside the cluster, and the network policy, not a bearer token, keeps others out.
    /// </summary>
    /// <remarks>
    /// OpenMetrics is off: it would be chosen by Prometheus's default Accept header, so the format Prometheus reads
    /// would not be the one <c>promtool check metrics</c> checks in the tests, and it adds only exemplars, which the
    /// instruments do not record. Other methods get the routing's 405 problem+json, as on every other path.
    /// </remarks>
    public static IEndpointConventionBuilder MapDataGatewayMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        DefaultMetrics.Configure();
        var builder = endpoints.MapMetrics(settings => settings.EnableOpenMetrics = false, pattern);
        builder.WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        // A scrape is a reading of this moment: no cache between Prometheus and the process may answer for it.
        builder.Add(endpoint =>
        {
            var serve = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return serve(context);
            };
        });
        return builder.ExcludeFromDescription();
    }
}
