using Microsoft.AspNetCore.Http.Features;
using DataGateway.Gateway.Enforcement;
using Yarp.ReverseProxy.Transforms;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// Shapes what the upstream receives on the proxy path, as <see cref="UpstreamRequestBuilder"/> describes it for
/// every path: the dataset's path plus the rest of the caller's, only the forwardable query parameters, none of the
/// caller's credentials or internal headers, and the gateway's own statement of who asks.
/// </summary>
internal static class UpstreamRequestTransform
{
    public static ValueTask ApplyAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        var decided = http.Features.GetRequiredFeature<IDecisionFeature>();
        var rest = http.GetRouteValue(Routing.CatalogProxyConfigProvider.RestRouteValue) as string;
        context.Path = UpstreamRequestBuilder.Path(decided.Dataset, rest);

        // The collection is the server's decoded query: YARP encodes it again, so the upstream reads the names and
        // values the decision stage checked, whatever encoding the caller used.
        UpstreamRequestBuilder.Query(context.Query.Collection, decided.Dataset, decided.Decision);
        UpstreamRequestBuilder.Headers(http, context.ProxyRequest.Headers, decided.Decision);
        return ValueTask.CompletedTask;
    }
}
