using DataGateway.Common.Problems;
using DataGateway.Gateway.Observability;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Hosting;

/// <summary>
/// Turns an exception escaping a data call — from the policy engine, a stage, verify — into a 500 problem+json with a
/// stable code, never a bare 500 with an empty body. It sits inside the call ledger's stage, so the ledger records
/// the call with that code like any other answer.
/// </summary>
/// <remarks>
/// Nothing about the exception reaches the caller (its message may hold record values); it is logged. When the
/// response has already started, no answer can be given any more and the connection is aborted, so the caller never
/// takes a cut-short body for a whole one.
/// </remarks>
internal sealed partial class InternalErrorMiddleware(RequestDelegate next, ILogger<InternalErrorMiddleware> logger)
{
    public async Task Invoke(HttpContext context)
    {
        try
        {
            await next(context);
        }
        // A bad request (a body over the server's limit, a malformed chunk) is the server's to answer with its own 4xx;
        // a call the caller abandoned has nobody to answer.
        catch (Exception ex) when (ex is not BadHttpRequestException && !(ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            LogFailed(logger, ex, context.TraceIdentifier);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            var requestId = context.Response.Headers[Forwarding.UpstreamHeaders.RequestId];
            context.Response.Clear();
            context.Response.Headers[Forwarding.UpstreamHeaders.RequestId] = requestId;
            await WriteAsync(context);
        }
    }

    /// <summary>The answer to a call the gateway itself failed on.</summary>
    public static Task WriteAsync(HttpContext context) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, GatewayProblemCodes.InternalError, GatewayMessages.Get("internal_error.gateway"));

    [LoggerMessage(EventId = EventIds.CallFailed, Level = LogLevel.Error, Message = "Call {RequestId} failed inside the gateway")]
    private static partial void LogFailed(ILogger logger, Exception ex, string requestId);
}
