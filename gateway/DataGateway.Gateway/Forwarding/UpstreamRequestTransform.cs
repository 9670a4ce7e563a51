using Microsoft.AspNetCore.Http.Features;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Model;
using Yarp.ReverseProxy.Transforms;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// Shapes what the upstream receives: the dataset's path on its service plus the canonical rest of the caller's
/// path, only the forwardable query parameters, none of the caller's credentials or internal headers, and the
/// gateway's own statement of who asks.
/// </summary>
internal static class UpstreamRequestTransform
{
    private static readonly string[] RemovedHeaders = ["Authorization", "Cookie", "Proxy-Authorization", "Accept-Encoding", UpstreamHeaders.RequestId];

    public static ValueTask ApplyAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
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
        foreach (var name in RemovedHeaders)
        {
            headers.Remove(name);
        }

        foreach (var header in headers.Select(h => h.Key).Where(k => k.StartsWith(UpstreamHeaders.Prefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(header);
        }

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
