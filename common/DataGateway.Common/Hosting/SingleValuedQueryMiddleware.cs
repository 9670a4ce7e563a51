using DataGateway.Common.Problems;
using DataGateway.Common.Text;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Common.Hosting;

/// <summary>
/// Refuses a query parameter given more than once (<c>?dataset=a&amp;dataset=b</c>) with 400
/// <c>query_parameter_repeated</c>, naming it, before anything reads the query: frameworks, proxies and handlers
/// disagree on which of two values counts (HTTP parameter pollution), and a handler that silently takes one answers
/// another question than the caller asked. No parameter of either service's own endpoints is a list.
/// </summary>
/// <remarks>
/// The query collection is what every reader sees: names already percent-decoded (<c>dat%61set</c> is
/// <c>dataset</c>) and case variants merged (<c>Dataset</c>, <c>DATASET</c>), and a value that is empty or missing
/// (<c>?dataset=&amp;dataset</c>) counted like any other, so each of those is a repetition here too.
/// </remarks>
public sealed class SingleValuedQueryMiddleware(RequestDelegate next)
{
    public Task Invoke(HttpContext context) =>
        FirstRepeated(context.Request.Query) is { } name
            ? ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, EdgeProblemCodes.QueryParameterRepeated,
                context.Message(EdgeProblemCodes.QueryParameterRepeated + ".detail", name), new Dictionary<string, object?> { ["parameter"] = name })
            : next(context);

    /// <summary>The first parameter of <paramref name="query"/> with more than one value, or null.</summary>
    public static string? FirstRepeated(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (values.Count > 1)
            {
                return name;
            }
        }

        return null;
    }
}
