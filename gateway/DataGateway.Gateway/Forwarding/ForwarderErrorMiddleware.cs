using DataGateway.Common.Hosting;
using DataGateway.Common.Problems;
using Yarp.ReverseProxy.Forwarder;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// Gives a forwarding failure (upstream down, too slow, reset) a problem+json body with a stable code; YARP only
/// sets the status. An upstream that failed after the response started cannot be answered any more: the connection
/// is aborted so the caller never takes a truncated body for a whole one.
/// </summary>
internal sealed class ForwarderErrorMiddleware(RequestDelegate next)
{
    public async Task Invoke(HttpContext context)
    {
        await next(context);
        var error = context.GetForwarderErrorFeature();
        if (error is null)
        {
            return;
        }

        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        // YARP may have copied upstream headers already; the request id goes back on in ProblemResponses.
        context.Response.Headers.Clear();
        if (error.Error == ForwarderError.RequestTimedOut || context.Features.Get<IUpstreamTimeoutFeature>()?.TimedOut == true)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status504GatewayTimeout, GatewayProblemCodes.UpstreamTimeout, GatewayMessages.Get("upstream_timeout.detail"));
        }
        else if (error.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            // The caller went away; there is nobody to answer.
        }
        else if (error.Error == ForwarderError.RequestBodyClient)
        {
            // The caller's body could not be read: its fault, not the data service's. (The body guard leaves no body
            // to read on the data path; this keeps the answer right should one ever be forwarded.)
            EdgeConnections.CloseAfterAnswer(context);
            await BadRequestMiddleware.WriteMalformedAsync(context);
        }
        else if (error.Error == ForwarderError.RequestCreation)
        {
            // The upstream request could not be built (a request transform threw): the gateway's failure, not the upstream's.
            await Hosting.InternalErrorMiddleware.WriteAsync(context);
        }
        else if (error.Error == ForwarderError.ResponseHeaders)
        {
            // The upstream answered, but its answer could not be taken through the response stage (it threw).
            await ResponseFilterStage.WriteUnfilterableAsync(context, GatewayProblemCodes.UpstreamUnreadable);
        }
        else
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status502BadGateway, GatewayProblemCodes.UpstreamUnavailable, GatewayMessages.Get("upstream_unavailable.detail"));
        }
    }
}
