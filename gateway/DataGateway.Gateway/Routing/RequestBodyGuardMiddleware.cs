using DataGateway.Common.Hosting;
using DataGateway.Common.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Routing;

/// <summary>
/// Refuses a request body on every method but POST (the gateway takes a body only for <c>POST …/verify</c>) with 400
/// <c>request_body_not_allowed</c>, and any protocol upgrade (WebSocket, h2c, extended CONNECT) with 400
/// <c>request_upgrade_not_allowed</c>, before anything reads or forwards them, and closes the connection.
/// </summary>
/// <remarks>
/// <para>An upstream that ignores a body on GET would read a forwarded one as the next request on the pooled
/// connection, and answer some other caller with it. So any sign of a body counts: a Content-Length above zero, any
/// Transfer-Encoding (whatever its codings or casing, with or without a Content-Length), <c>Expect</c> (a
/// 100-continue announces one), or a stream the server says can carry one (HTTP/2 HEADERS without END_STREAM).</para>
/// <para>An upgrade is refused for the same reason: YARP would tunnel it, and every byte the caller sent after the
/// upstream's 101 would reach the upstream raw, past the field filter and outside any request the gateway built.</para>
/// A request let through is marked as having no body, so YARP, which decides by the same feature, builds the
/// upstream request without content whatever a later stage does (<see cref="Forwarding.UpstreamRequestTransform"/>
/// checks that too).
/// </remarks>
internal sealed class RequestBodyGuardMiddleware(RequestDelegate next)
{
    public Task Invoke(HttpContext context)
    {
        if (IsUpgrade(context))
        {
            EdgeConnections.CloseAfterAnswer(context);
            return ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayProblemCodes.RequestUpgradeNotAllowed, GatewayMessages.Get(GatewayProblemCodes.RequestUpgradeNotAllowed + ".detail"));
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            return next(context);
        }

        if (HasBody(context))
        {
            return RefuseAsync(context);
        }

        context.Features.Set<IHttpRequestBodyDetectionFeature>(NoRequestBody.Instance);
        return next(context);
    }

    /// <summary>400 <c>request_body_not_allowed</c>, and the connection closed: what follows the head cannot be trusted.</summary>
    public static Task RefuseAsync(HttpContext context)
    {
        EdgeConnections.CloseAfterAnswer(context);
        return ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayProblemCodes.RequestBodyNotAllowed, GatewayMessages.Get(GatewayProblemCodes.RequestBodyNotAllowed + ".detail"));
    }

    internal static bool IsUpgrade(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey(HeaderNames.Upgrade) || context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true)
        {
            return true;
        }

        foreach (var value in headers.Connection)
        {
            if (value?.Contains("upgrade", StringComparison.OrdinalIgnoreCase) == true)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool HasBody(HttpContext context)
    {
        var headers = context.Request.Headers;
        return headers.ContentLength is > 0
            || headers.ContainsKey(HeaderNames.TransferEncoding)
            || headers.ContainsKey(HeaderNames.Expect)
            || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
    }
}
