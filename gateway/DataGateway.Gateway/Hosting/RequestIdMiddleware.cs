namespace DataGateway.Gateway.Hosting;

/// <summary>
/// Gives every call an id of the gateway's own (never the caller's: it keys the call's ledger record) and returns
/// it in <c>X-Request-Id</c>.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task Invoke(HttpContext context)
    {
        var id = Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers["X-Request-Id"] = id;
        return next(context);
    }
}
