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
/// <item><c>traceparent</c>, <c>tracestate</c>: W3C trace context, so a caller's trace continues upstream; only a
/// well-formed single <c>traceparent</c> passes (and <c>tracestate</c> only with it, up to the 512 characters the
/// specification allows), so the pair cannot carry free text.</item>
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
    private const int MaxTraceStateLength = 512;

    /// <summary>Adds the allowed headers of the caller's request to an upstream request that holds none of the caller's yet.</summary>
    public static void CopyTo(IHeaderDictionary caller, HttpRequestHeaders upstream)
    {
        Copy(caller, upstream, HeaderNames.Accept);
        Copy(caller, upstream, HeaderNames.AcceptLanguage);
        if (caller.TryGetValue(HeaderNames.TraceParent, out var parent) && parent.Count == 1 && IsTraceParent(parent[0]))
        {
            upstream.TryAddWithoutValidation(HeaderNames.TraceParent, parent[0]);
            if (caller.TryGetValue(HeaderNames.TraceState, out var state) && state.ToString() is { Length: > 0 and <= MaxTraceStateLength } text)
            {
                upstream.TryAddWithoutValidation(HeaderNames.TraceState, text);
            }
        }
    }

    private static void Copy(IHeaderDictionary caller, HttpRequestHeaders upstream, string name)
    {
        if (caller.TryGetValue(name, out var values) && values.Count > 0)
        {
            upstream.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
    }

    /// <summary>W3C trace context: <c>vv-{32 hex}-{16 hex}-ff</c>, lower-case hex, version ff forbidden.</summary>
    internal static bool IsTraceParent(string? value)
    {
        if (value is not { Length: 55 } || value[2] != '-' || value[35] != '-' || value[52] != '-' || value.StartsWith("ff", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (i is not (2 or 35 or 52) && !char.IsAsciiHexDigitLower(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
