namespace DataGateway.Catalog.Observability;

/// <summary>Adds <see cref="RequestMetricsMiddleware"/>.</summary>
internal static class RequestMetricsExtensions
{
    /// <summary>Call first: what runs before it is not timed.</summary>
    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app) => app.UseMiddleware<RequestMetricsMiddleware>();
}
