using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using DataGateway.Common.Problems;
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
    /// <summary>
    /// <c>DataGateway:Metrics:Port</c>: when set, <c>/metrics</c> answers only on connections to that local port (the
    /// process must listen on it too, e.g. <c>Urls=http://0.0.0.0:8080;http://0.0.0.0:9090</c>) and is a 404 on every
    /// other. A network policy can then open the metrics port to the monitoring namespace alone, which it cannot do
    /// by path. Matched on the connection's local port, never on the Host header, which the caller chooses.
    /// </summary>
    public const string PortKey = "DataGateway:Metrics:Port";

    /// <summary>
    /// With <see cref="PortKey"/> set, the metrics port serves <c>/metrics</c> and nothing else: every other path on
    /// it is a 404 before any other middleware sees the request, so opening that port to the monitoring namespace
    /// opens no API. First in each service's pipeline.
    /// </summary>
    public static IApplicationBuilder UseMetricsPortGuard(this IApplicationBuilder app, string pattern = "/metrics")
    {
        if (app.ApplicationServices.GetService<IConfiguration>()?.GetValue<int?>(PortKey) is not { } port)
        {
            return app;
        }

        return app.Use((context, next) =>
            context.Connection.LocalPort == port && !context.Request.Path.Equals(pattern, StringComparison.Ordinal)
                ? ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, EdgeProblemCodes.NotFound, null)
                : next(context));
    }

    public static IEndpointConventionBuilder MapDataGatewayMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        DefaultMetrics.Configure();
        var metricsPort = endpoints.ServiceProvider.GetService<IConfiguration>()?.GetValue<int?>(PortKey);
        var builder = endpoints.MapMetrics(settings => settings.EnableOpenMetrics = false, pattern);
        builder.WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        // A scrape is a reading of this moment: no cache between Prometheus and the process may answer for it.
        builder.Add(endpoint =>
        {
            var serve = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                if (metricsPort is { } port && context.Connection.LocalPort != port)
                {
                    return ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, EdgeProblemCodes.NotFound, null);
                }

                context.Response.Headers.CacheControl = "no-store";
                return serve(context);
            };
        });
        return builder.ExcludeFromDescription();
    }
}
