using DataGateway.Filtering;
using Microsoft.AspNetCore.Http.Features;
using System.Net.Http.Headers;
using DataGateway.Common.Problems;
using DataGateway.Gateway.Problems;
using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Hosting;
using DataGateway.Gateway.Metering;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using DataGateway.Gateway.Observability;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// The response side of a proxied call: checks what the upstream answered and streams its body through the field
/// filter. YARP never copies an upstream body itself (<see cref="ResponseTransformContext.SuppressResponseBody"/>
/// is always set), so no byte reaches the caller unfiltered.
/// </summary>
internal sealed partial class ResponseFilterStage(IOptions<GatewayOptions> options, ILogger<ResponseFilterStage> logger)
{
    private readonly FieldMasker _masker = new(Convert.FromBase64String(options.Value.MaskHashKey));
    private readonly FilterPlanCache _plans = new();
    private readonly ResponseFieldFilter _filter = new(new FilterOptions { MaxDepth = options.Value.MaxJsonDepth, MaxRecordBytes = options.Value.MaxRecordBytes });

    /// <summary>
    /// The upstream response headers a caller receives. Anything else (totals, links, ETags of the unfiltered body,
    /// the department's own diagnostics) could describe what the caller may not see, so it is dropped.
    /// </summary>
    private static readonly HashSet<string> PassedHeaders = new(StringComparer.OrdinalIgnoreCase) { "Date", "Last-Modified", "Content-Language" };

    public async ValueTask ApplyAsync(ResponseTransformContext context)
    {
        context.SuppressResponseBody = true;
        var upstream = context.ProxyResponse;
        if (upstream is null)
        {
            return;
        }

        var http = context.HttpContext;
        http.Features.Get<IUpstreamTimeoutFeature>()?.Answered();
        http.Features.Get<CallRecord>()?.UpstreamAnswered();
        var decided = http.Features.GetRequiredFeature<IDecisionFeature>();
        if (!upstream.IsSuccessStatusCode)
        {
            // The upstream's error body may hold anything, including data: it is never passed on.
            ResetHeaders(http);
            var notFound = upstream.StatusCode == System.Net.HttpStatusCode.NotFound;
            await ProblemResponses.WriteAsync(http,
                notFound ? StatusCodes.Status404NotFound : StatusCodes.Status502BadGateway,
                notFound ? GatewayProblemCodes.UpstreamNotFound : GatewayProblemCodes.UpstreamError,
                notFound ? null : GatewayMessages.Get("upstream_error.detail", (int)upstream.StatusCode),
                new Dictionary<string, object?> { ["upstreamStatus"] = (int)upstream.StatusCode });
            return;
        }

        if (!IsJson(upstream.Content.Headers.ContentType))
        {
            ResetHeaders(http);
            await ProblemResponses.WriteAsync(http, StatusCodes.Status502BadGateway, GatewayProblemCodes.UpstreamNotJson, null);
            return;
        }

        foreach (var header in http.Response.Headers.Keys.Where(k => !PassedHeaders.Contains(k) && k != UpstreamHeaders.RequestId).ToList())
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

        await FilterBodyAsync(http, upstream, decided);
    }

    /// <summary>
    /// Streams the filtered body. A failure before anything was sent becomes a 502 problem; after that the
    /// connection is aborted, so the caller sees a broken response, never a complete-looking one.
    /// </summary>
    private async Task FilterBodyAsync(HttpContext http, HttpResponseMessage upstream, IDecisionFeature decided)
    {
        var plan = _plans.For(decided.Dataset, decided.Decision);
        var record = http.Features.Get<CallRecord>();
        var call = CallOf(http, decided, record);
        var body = await upstream.Content.ReadAsStreamAsync(http.RequestAborted);
        if (!UpstreamContentDecoding.TryDecode(body, upstream.Content.Headers.ContentEncoding, out var decoded, out var encodingError))
        {
            ResetHeaders(http);
            await ProblemResponses.WriteAsync(http, StatusCodes.Status502BadGateway, encodingError!, null);
            return;
        }

        FilterResult result;
        await using (decoded)
        {
            try
            {
                // The length sizes the filter's buffers, so only a body read as sent: a decoded one's length is unknown.
                var length = ReferenceEquals(decoded, body) ? upstream.Content.Headers.ContentLength : null;
                result = await _filter.FilterAsync(decoded, http.Response.BodyWriter, plan, _masker, call, http.RequestAborted, length);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or IOException))
            {
                // Output of the records before the failure may sit in the pipe unsent: only a pipe known to be empty
                // may still carry a problem answer; otherwise the connection is aborted below.
                LogFilterThrew(logger, ex, decided.Dataset.Code);
                var writer = http.Response.BodyWriter;
                var pending = writer.CanGetUnflushedBytes ? writer.UnflushedBytes : 1;
                result = new FilterResult(GatewayProblemCodes.UpstreamUnreadable, 0, 0, pending);
            }
        }

        http.Features.Set<IFilterResultFeature>(new FilterResultFeature(result));
        RecordKeys(record, call.Keys, decided.Dataset.Code);
        if (result.Succeeded)
        {
            return;
        }

        LogFilterFailed(logger, result.ErrorCode!, decided.Dataset.Code);
        if (!http.Response.HasStarted && result.BytesWritten == 0)
        {
            ResetHeaders(http);
            await WriteUnfilterableAsync(http, result.ErrorCode!);
            return;
        }

        http.Abort();
    }

    /// <summary>
    /// The call's own values for the filter: its consent's subject (only that subject's rows), and, for a dataset with a
    /// record key field, the snapshot's dispute marks and a collector of the returned records' keys for the ledger.
    /// </summary>
    private static FilterCall CallOf(HttpContext http, IDecisionFeature decided, CallRecord? record)
    {
        var dataset = decided.Dataset;
        var subject = http.Features.Get<IConsentFeature>()?.Subject;
        var keys = record is not null && dataset.RecordKeyField is not null ? new RecordKeyCollector(dataset.MaxPageSize) : null;
        var marks = SnapshotDisputeMarks.For(decided.Snapshot, dataset);
        return subject is null && keys is null && marks is null
            ? FilterCall.None
            : new FilterCall { Subject = subject, Keys = keys, Marks = marks };
    }

    /// <summary>
    /// Hands the returned records' keys to the ledger, whatever the outcome: on a failure part of the records may have
    /// reached the caller, and a possible recipient is better found when a dispute is settled than missed.
    /// </summary>
    private void RecordKeys(CallRecord? record, RecordKeyCollector? keys, string dataset)
    {
        if (record is null || keys is null)
        {
            return;
        }

        record.RecordKeys = keys.Keys;
        if (keys.NotRecorded > 0)
        {
            LogKeysNotRecorded(logger, keys.NotRecorded, dataset, RecordKeyCollector.MaxKeyBytes, keys.Limit);
        }
    }

    /// <summary>The answer to a call whose upstream body the filter refused or failed on, before anything was sent.</summary>
    public static Task WriteUnfilterableAsync(HttpContext http, string code) =>
        ProblemResponses.WriteAsync(http, StatusCodes.Status502BadGateway, code, null);

    /// <summary>
    /// Filters an upstream body into a buffer with the very filter (and so the row rules) of the proxy path: verify
    /// counts what the data API would have returned. Under a consent only the subject's rows are counted; the buffer
    /// is compared, never returned, so it collects no keys and carries no marks.
    /// </summary>
    public Task<FilterResult> FilterAsync(Stream upstream, Stream output, FilterPlan plan, HttpContext http, string dataset, CancellationToken cancellationToken)
    {
        var subject = http.Features.Get<IConsentFeature>()?.Subject;
        var call = subject is null ? FilterCall.None : new FilterCall { Subject = subject };
        return FailClosed(_filter.FilterAsync(upstream, output, plan, _masker, call, cancellationToken), dataset);
    }

    /// <summary>
    /// An exception inside the filter or the masker (other than the call going away) is an answer that could not be
    /// filtered: it ends as <see cref="GatewayProblemCodes.UpstreamUnreadable"/>, like any refused body, never as a bare 500. (The proxy
    /// path does the same inline, because what it may still answer depends on what reached the pipe.)
    /// </summary>
    private async Task<FilterResult> FailClosed(Task<FilterResult> filtering, string dataset)
    {
        try
        {
            return await filtering;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or IOException))
        {
            LogFilterThrew(logger, ex, dataset);
            return new FilterResult(GatewayProblemCodes.UpstreamUnreadable, 0, 0, 0);
        }
    }

    [LoggerMessage(EventId = EventIds.FilterFailed, Level = LogLevel.Error, Message = "The filter failed on an upstream body of {Dataset}")]
    private static partial void LogFilterThrew(ILogger logger, Exception ex, string dataset);

    [LoggerMessage(EventId = EventIds.RecordKeysNotRecorded, Level = LogLevel.Warning, Message = "{Count} record keys of a call to {Dataset} were not recorded in its ledger record (longer than {MaxBytes} bytes, or past the {Limit} a page holds)")]
    private static partial void LogKeysNotRecorded(ILogger logger, int count, string dataset, int maxBytes, int limit);

    [LoggerMessage(EventId = EventIds.UpstreamBodyRefused, Level = LogLevel.Warning, Message = "Upstream body of {Dataset} refused by the filter: {Code}; the response was aborted")]
    private static partial void LogFilterFailed(ILogger logger, string code, string dataset);

    private static void ResetHeaders(HttpContext http)
    {
        var requestId = http.Response.Headers[UpstreamHeaders.RequestId];
        http.Response.Headers.Clear();
        http.Response.Headers[UpstreamHeaders.RequestId] = requestId;
    }

    /// <summary>Whether an upstream answered JSON; the same test for the proxy and verify.</summary>
    public static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

}
