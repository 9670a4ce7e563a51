using Microsoft.AspNetCore.Routing.Template;

namespace DataGateway.Gateway.Hosting;

/// <summary>
/// The methods the gateway's own endpoints take at a path (<c>/healthz</c>, <c>/metrics</c>, <c>/openapi/v1.json</c>,
/// <c>/scalar/…</c>), read from the endpoints routing knows rather than from a list here that could drift.
/// </summary>
/// <remarks>
/// The catch-all fallback accepts every method, so routing never answers 405 by itself: a known path asked with
/// another method would fall through to the fallback's 404. The fallback asks here first, and answers 405 with
/// <c>Allow</c> when the path is known.
/// </remarks>
internal static class OwnPathMethods
{
    /// <summary>The methods endpoints with a method list take at <paramref name="path"/>, in order; empty for an unknown path.</summary>
    public static IReadOnlyList<string> At(EndpointDataSource endpoints, PathString path)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            // Endpoints without a method list (the fallback itself) take every method: nothing to tell here.
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } accepted)
            {
                continue;
            }

            var matcher = new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary(endpoint.RoutePattern.Defaults));
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                methods.UnionWith(accepted.HttpMethods);
            }
        }

        return [.. methods];
    }
}
