using DataGateway.Catalog.Problems;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// Filters of a list that name one of a fixed set of values. Anything else (a typo, another case) is a 400 naming the
/// parameter, never an empty list that reads as "there are none"; the parameter twice is refused before this
/// (<c>SingleValuedQueryMiddleware</c>), and refused here too should this filter ever run without it.
/// </summary>
public static class QueryFilters
{
    /// <param name="message">The validation message, in the request's language (so asked for per request).</param>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> OneOf(string parameter, Func<string> message, params string[] allowed) =>
        async (context, next) =>
        {
            var values = context.HttpContext.Request.Query[parameter];
            return values.Count == 0 || (values.Count == 1 && allowed.Contains(values[0], StringComparer.Ordinal))
                ? await next(context)
                : CatalogProblems.Validation(new Dictionary<string, string[]> { [parameter] = [message()] });
        };
}
