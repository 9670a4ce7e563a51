using DataGateway.Common.Problems;
using Microsoft.AspNetCore.Http;
using DataGateway.Common.Text;

namespace DataGateway.Common.Hosting;

/// <summary>
/// Answers a request body the server could not read (a malformed chunk, a body over the size limit, one that stopped
/// arriving) with problem+json and the status Kestrel chose, instead of the empty answer Kestrel gives when the
/// exception reaches it. It is the caller's fault, so never a 5xx; the connection is closed, since its framing is
/// no longer known.
/// </summary>
public sealed class BadRequestMiddleware(RequestDelegate next)
{
    /// <summary>400 <c>request_malformed</c>: the caller's body or framing could not be read. For any stage that finds it so.</summary>
    public static Task WriteMalformedAsync(HttpContext context) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, EdgeProblemCodes.RequestMalformed,
            context.Message(EdgeProblemCodes.RequestMalformed + ".detail"));

    public async Task Invoke(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            RequestIds.Restore(context);
            EdgeConnections.CloseAfterAnswer(context);
            await (ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => ProblemResponses.WriteAsync(context, ex.StatusCode, EdgeProblemCodes.RequestTooLarge, null),
                StatusCodes.Status408RequestTimeout => ProblemResponses.WriteAsync(context, ex.StatusCode, EdgeProblemCodes.RequestTimeout, null),
                _ => WriteMalformedAsync(context),
            });
        }
    }
}
