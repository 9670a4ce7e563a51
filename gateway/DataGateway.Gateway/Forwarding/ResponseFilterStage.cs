using Microsoft.AspNetCore.Http.Features;
using System.Net.Http.Headers;
using DataGateway.Common.Problems;
using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Hosting;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// The response side of a proxied call: checks what the upstream answered and streams its body through the field
/// filter. YARP never copies an upstream body itself (<see cref="ResponseTransformContext.SuppressResponseBody"/>
/// is always set), so no byte reaches the caller unfiltered.
/// </summary>
internal sealed partial class ResponseFilterStage(IOptions<GatewayOptions> options, ILogger<ResponseFilterStage> logger)
{
    public const string UpstreamError = "upstream_error";
    public const string UpstreamNotFound = "upstream_not_found";
    public const string UpstreamNotJson = "upstream_not_json";

    /// <summary>Upstream headers that describe the unfiltered body, and so must not describe the filtered one.</summary>
    private static readonly string[] BodyHeaders = ["Content-Length", "Content-Encoding", "Content-MD5", "ETag", "Content-Range", "Accept-Ranges", "Digest"];

    public async ValueTask ApplyAsync(ResponseTransformContext context)
    {
        context.SuppressResponseBody = true;
        var upstream = context.ProxyResponse;
        if (upstream is null)
        {
            return;
        }

        var http = context.HttpContext;
        var decided = http.Features.GetRequiredFeature<IDecisionFeature>();
        if (!upstream.IsSuccessStatusCode)
        {
            // The upstream's error body may hold anything, including data: it is never passed on.
            ResetHeaders(http);
            var notFound = upstream.StatusCode == System.Net.HttpStatusCode.NotFound;
            await ProblemResponses.WriteAsync(http,
                notFound ? StatusCodes.Status404NotFound : StatusCodes.Status502BadGateway,
                notFound ? UpstreamNotFound : UpstreamError,
                notFound ? "The data service has no such record." : "The data service answered with an error.",
                null,
                new Dictionary<string, object?> { ["upstreamStatus"] = (int)upstream.StatusCode });
            return;
        }

        if (!IsJson(upstream.Content.Headers.ContentType))
        {
            ResetHeaders(http);
            await ProblemResponses.WriteAsync(http, StatusCodes.Status502BadGateway, UpstreamNotJson, "The data service did not answer with JSON.", null);
            return;
        }

        foreach (var header in BodyHeaders)
        {
            http.Response.Headers.Remove(header);
        }

        // Filtered personal data must not sit in shared caches.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "application/json; charset=utf-8";
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        await FilterBodyAsync(http, upstream, decided, options.Value, logger);
    }

    private static void ResetHeaders(HttpContext http)
    {
        var requestId = http.Response.Headers[UpstreamHeaders.RequestId];
        http.Response.Headers.Clear();
        http.Response.Headers[UpstreamHeaders.RequestId] = requestId;
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static partial Task FilterBodyAsync(HttpContext http, HttpResponseMessage upstream, IDecisionFeature decided, GatewayOptions options, ILogger logger);
}
