using System.Net.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// The only caller request headers an upstream receives; every other header a caller sends stays at the gateway.
/// Used by every request the gateway builds for an upstream (the proxy's transform, and verify's own requests).
/// </summary>
/// <remarks>
/// <para>A department's service may trust headers the gateway never meant to vouch for (<c>X-District</c>,
/// <c>X-Api-Key</c>, <c>X-Real-IP</c>, <c>X-Original-URL</c>, <c>X-HTTP-Method-Override</c>, <c>Forwarded</c>, …), so
/// the list says what passes rather than what is dropped. What passes describes how to answer, never who asks:</para>
/// <list type="bullet">
/// <item><c>Accept</c>, <c>Accept-Language</c>: content negotiation (the gateway still takes only JSON answers).</item>
/// <item><c>traceparent</c>, <c>tracestate</c>: W3C trace context, so a caller's trace continues upstream.</item>
/// </list>
/// <para>Not passed, on purpose: conditional headers (<c>If-None-Match</c>, <c>If-Modified-Since</c>, …), because the
/// gateway answers only a 2xx JSON body (a 304 would be a 502) and the upstream's ETag describes the unfiltered body;
/// <c>Range</c>/<c>If-Range</c>, because a slice of the upstream body cannot be filtered; <c>Accept-Encoding</c>, since
/// the gateway decodes what it filters; credentials, cookies, hop-by-hop headers, <c>Host</c> (the upstream's own is
/// sent), <c>X-Forwarded-*</c> and <c>Forwarded</c> (the gateway sends none: the upstream learns who asks from the
/// gateway's own <see cref="UpstreamHeaders"/>), and <c>X-Request-Id</c> (the gateway sends its own).</para>
/// </remarks>
public static class ForwardedRequestHeaders
{
    /// <summary>The names, as the upstream receives them.</summary>
    public static readonly IReadOnlyList<string> Names = [HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.TraceParent, HeaderNames.TraceState];

    /// <summary>Adds the allowed headers of the caller's request to an upstream request that holds none of the caller's yet.</summary>
    public static void CopyTo(IHeaderDictionary caller, HttpRequestHeaders upstream)
    {
        foreach (var name in Names)
        {
            if (caller.TryGetValue(name, out var values) && values.Count > 0)
            {
                upstream.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
    }
}
