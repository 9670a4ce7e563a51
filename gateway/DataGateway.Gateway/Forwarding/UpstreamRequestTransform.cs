using Microsoft.AspNetCore.Http.Features;
using DataGateway.Gateway.Enforcement;
using Yarp.ReverseProxy.Transforms;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// Shapes what the upstream receives on the proxy path, as <see cref="UpstreamRequestBuilder"/> describes it for
/// every path: the dataset's path plus the rest of the caller's, only the forwardable query parameters, only the
/// caller headers <see cref="ForwardedRequestHeaders"/> lists, no body, and the gateway's own statement of who asks.
/// </summary>
/// <remarks>
/// YARP is told not to copy any request header (<c>CopyRequestHeaders = false</c>) nor to add X-Forwarded-*; the
/// headers are still cleared here first, so that nothing another transform or a YARP default added goes out.
/// </remarks>
internal static class UpstreamRequestTransform
{
    public static ValueTask ApplyAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        if (context.ProxyRequest.Content is not null)
        {
            // The body guard refuses bodies and marks the rest as bodiless, so YARP builds no content: one here means
            // that chain broke. Answering stops YARP from sending anything (no byte of a caller's body goes upstream).
            return new ValueTask(Routing.RequestBodyGuardMiddleware.RefuseAsync(http));
        }

        var decided = http.Features.GetRequiredFeature<IDecisionFeature>();
        var rest = http.GetRouteValue(Routing.CatalogProxyConfigProvider.RestRouteValue) as string;
        context.Path = UpstreamRequestBuilder.Path(decided.Dataset, rest);

        // The collection is the server's decoded query: YARP encodes it again, so the upstream reads the names and
        // values the decision stage checked, whatever encoding the caller used.
        UpstreamRequestBuilder.Query(context.Query.Collection, decided.Dataset, decided.Decision, http.Features.Get<IConsentFeature>());
        UpstreamRequestBuilder.Headers(http, context.ProxyRequest.Headers, decided.Decision);
        return ValueTask.CompletedTask;
    }
}
