using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Common.Hosting;

/// <summary>The request id both services give every call, returned in <c>X-Request-Id</c> and in every problem body.</summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    internal const string Item = "DataGateway.RequestId";

    /// <summary>The call's id, or null before <see cref="UseRequestId"/> ran (or in a host without it).</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(Item, out var id) ? id as string : null;

    /// <summary>
    /// Puts the id back on the response when something cleared the headers (YARP and the response stages do on a
    /// failure), so the caller always holds the id its ledger record is keyed by.
    /// </summary>
    public static void Restore(HttpContext context)
    {
        if (Of(context) is { } id && !context.Response.HasStarted)
        {
            context.Response.Headers[Header] = id;
        }
    }

    /// <summary>Gives every call an id; first in the pipeline, so every answer after it has one.</summary>
    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) => app.UseMiddleware<RequestIdMiddleware>();
}
