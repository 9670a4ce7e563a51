using Microsoft.AspNetCore.Http;

namespace DataGateway.Common.Hosting;

/// <summary>
/// Gives every call an id of the service's own (never the caller's: on the gateway it keys the call's ledger record)
/// and returns it in <c>X-Request-Id</c>. The id is kept as the call's trace identifier too, so an answer written
/// after the response headers were cleared (a forwarding failure) still names it.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task Invoke(HttpContext context)
    {
        var id = Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = id;
        context.Items[RequestIds.Item] = id;
        context.Response.Headers[RequestIds.Header] = id;
        return next(context);
    }
}
