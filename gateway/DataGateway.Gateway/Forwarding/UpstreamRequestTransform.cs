using Microsoft.AspNetCore.Http.Features;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Model;
using Yarp.ReverseProxy.Transforms;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// Shapes what the upstream receives: the dataset's path on its service plus the canonical rest of the caller's
/// path, only the forwardable query parameters, only the caller headers <see cref="ForwardedRequestHeaders"/> lists,
/// no body, and the gateway's own statement of who asks.
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
        var dataset = decided.Dataset;

        var rest = http.GetRouteValue(Routing.CatalogProxyConfigProvider.RestRouteValue) as string;
        var basePath = dataset.Path.TrimEnd('/');
        context.Path = new PathString(string.IsNullOrEmpty(rest) ? (basePath.Length == 0 ? "/" : basePath) : basePath + "/" + rest);

        var query = context.Query.Collection;
        query.Remove(GatewayParameters.Fields);
        query.Remove(GatewayParameters.District);
        PushDownDistrict(query, dataset, decided.Decision.Districts);

        var headers = context.ProxyRequest.Headers;
        headers.Clear();
        ForwardedRequestHeaders.CopyTo(http.Request.Headers, headers);

        var caller = http.Features.GetRequiredFeature<Common.Identity.ICallerFeature>().Caller;
        headers.TryAddWithoutValidation(UpstreamHeaders.Caller, caller.OrganizationId);
        headers.TryAddWithoutValidation(UpstreamHeaders.CallerKind, caller.Kind.ToString().ToLowerInvariant());
        if (caller.DistrictCode is not null)
        {
            headers.TryAddWithoutValidation(UpstreamHeaders.CallerDistrict, caller.DistrictCode);
        }

        if (decided.Decision.Grant is { } grant)
        {
            headers.TryAddWithoutValidation(UpstreamHeaders.Grant, grant.Id);
        }

        headers.TryAddWithoutValidation(UpstreamHeaders.RequestId, http.TraceIdentifier);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// When the decision allows one district's rows, ask the upstream for that district only, so a page holds rows
    /// the caller may see. The gateway still drops every other row itself: this is an optimisation, not the control.
    /// </summary>
    private static void PushDownDistrict(IDictionary<string, Microsoft.Extensions.Primitives.StringValues> query, Dataset dataset, IReadOnlySet<string>? districts)
    {
        if (districts is { Count: 1 } && dataset.DistrictField is { } field && !field.Contains('.'))
        {
            query[field] = districts.First();
        }
    }
}
