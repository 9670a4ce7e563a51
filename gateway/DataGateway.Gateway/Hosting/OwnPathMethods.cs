using Microsoft.AspNetCore.Routing.Template;

namespace DataGateway.Gateway.Hosting;

/// <summary>
/// The methods the gateway's own endpoints take at a path (<c>/healthz</c>, <c>/metrics</c>, <c>/openapi/v1.json</c>,
/// <c>/scalar/…</c>, <c>/api/{dataset}/verify</c>), read from the endpoints routing knows rather than from a list here
/// that could drift.
/// </summary>
/// <remarks>
/// The catch-all fallback accepts every method, so routing never answers 405 by itself: a known path asked with
/// another method would fall through to the fallback's 404. The fallback asks here first. Every unknown path asks too,
/// so the matchers are built once per set of endpoints (the data source hands out the same list until it changes),
/// not per request.
/// </remarks>
internal static class OwnPathMethods
{
    private static Matchers? _matchers;

    /// <summary>The methods endpoints with a method list take at <paramref name="path"/>, in order; empty for an unknown path.</summary>
    public static IReadOnlyList<string> At(EndpointDataSource endpoints, PathString path)
    {
        var current = endpoints.Endpoints;
        var matchers = Volatile.Read(ref _matchers);
        if (matchers is null || !ReferenceEquals(matchers.Source, current))
        {
            matchers = new Matchers(current, Build(current));
            Volatile.Write(ref _matchers, matchers);
        }

        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (matcher, accepted) in matchers.Entries)
        {
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                methods.UnionWith(accepted);
            }
        }

        return [.. methods];
    }

    private static (TemplateMatcher Matcher, IReadOnlyList<string> Methods)[] Build(IReadOnlyList<Endpoint> endpoints) =>
        [.. endpoints.OfType<RouteEndpoint>()
            // Endpoints without a method list (the fallback itself) take every method: nothing to tell here.
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 })
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary(e.RoutePattern.Defaults)),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods))];

    private sealed record Matchers(IReadOnlyList<Endpoint> Source, (TemplateMatcher Matcher, IReadOnlyList<string> Methods)[] Entries);
}
