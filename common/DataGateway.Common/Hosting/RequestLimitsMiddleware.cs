using DataGateway.Common.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using DataGateway.Common.Text;

namespace DataGateway.Common.Hosting;

/// <summary>
/// Refuses a request whose target or headers exceed <see cref="EdgeLimits"/> with 414 or 431 problem+json, the
/// answers Kestrel would otherwise give with no body at all. The connection is closed after the answer: a client
/// that sends that much is not one to keep talking to.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public Task Invoke(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length > EdgeLimits.MaxTargetBytes)
        {
            EdgeConnections.CloseAfterAnswer(context);
            return ProblemResponses.WriteAsync(context, StatusCodes.Status414UriTooLong, EdgeProblemCodes.TargetTooLong,
                context.Message(EdgeProblemCodes.TargetTooLong + ".detail", EdgeLimits.MaxTargetBytes));
        }

        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                // As Kestrel counts them: name, value, and the ": " and CRLF around them.
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (count > EdgeLimits.MaxHeaderCount || bytes > EdgeLimits.MaxHeaderBytes)
        {
            EdgeConnections.CloseAfterAnswer(context);
            return ProblemResponses.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, EdgeProblemCodes.HeadersTooLarge,
                context.Message(EdgeProblemCodes.HeadersTooLarge + ".detail", EdgeLimits.MaxHeaderCount, EdgeLimits.MaxHeaderBytes));
        }

        return next(context);
    }
}
