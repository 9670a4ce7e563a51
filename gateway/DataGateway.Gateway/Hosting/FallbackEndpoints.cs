using DataGateway.Common.Problems;
using DataGateway.Gateway.CatalogSync;
using DataGateway.Policy.Decisions;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Hosting;

/// <summary>
/// What a request that matches no route gets: a problem+json with a stable code, and nothing forwarded — 405 with
/// <c>Allow</c> for a known path asked with another method, 404 otherwise.
/// </summary>
internal static class FallbackEndpoints
{
    public static IEndpointRouteBuilder MapGatewayFallback(this IEndpointRouteBuilder app)
    {
        // Every path, file-like ones too (the default pattern skips them): /openapi/v2.json, a POST to /openapi/v1.json.
        app.MapFallback("{*path}", (HttpContext context, CatalogSnapshotHolder holder, EndpointDataSource endpoints) =>
        {
            var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length >= 2 && segments[0] == "api")
            {
                if (holder.Current.FindDataset(segments[1]) is null)
                {
                    return ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, ReasonCodes.DatasetUnknown, GatewayMessages.Get("dataset_unknown.detail", segments[1]));
                }

                // Data is read with GET or HEAD; a dataset's /verify also takes POST (its endpoint says so).
                context.Response.Headers.Allow = string.Join(", ", new SortedSet<string>(OwnPathMethods.At(endpoints, context.Request.Path), StringComparer.Ordinal) { "GET", "HEAD" });
                return ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, GatewayProblemCodes.MethodNotAllowed, GatewayMessages.Get("method_not_allowed.detail"));
            }

            // One of the gateway's own paths (health, metrics, the API reference) asked with another method.
            if (OwnPathMethods.At(endpoints, context.Request.Path) is { Count: > 0 } allowed)
            {
                var allow = string.Join(", ", allowed);
                context.Response.Headers.Allow = allow;
                return ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, GatewayProblemCodes.MethodNotAllowed, GatewayMessages.Get("method_not_allowed.own_path", allow));
            }

            return ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, GatewayProblemCodes.NotFound, GatewayMessages.Get("not_found.detail"));
        });
        return app;
    }
}
