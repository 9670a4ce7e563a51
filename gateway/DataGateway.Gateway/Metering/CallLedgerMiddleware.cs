using System.Diagnostics;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using DataGateway.Gateway.CatalogSync;
using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Observability;
using DataGateway.Ledger;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.Features;

namespace DataGateway.Gateway.Metering;

/// <summary>
/// Writes the ledger record of every call with an identified caller, allowed or denied, and holds the response until
/// the record is durable: the call's handler has written its body, but the response is completed (the last chunk
/// sent) only after the group commit. A caller therefore never holds a whole response the ledger does not know of.
/// </summary>
/// <remarks>
/// <para>Once the response is completed, the writer learns whether it went out whole. A record committed as complete
/// whose response then did not (the caller gone in that moment) is amended as undelivered; for a process killed in
/// that moment, the delivery log lets the next gateway find the same calls.</para>
/// If the record cannot be stored anywhere (PostgreSQL and the journal both failing), the connection is aborted: the
/// caller sees a broken response, and nothing is billed.
/// </remarks>
internal sealed partial class CallLedgerMiddleware(RequestDelegate next, CallLedger ledger, CatalogSnapshotHolder holder, TimeProvider time, ILogger<CallLedgerMiddleware> logger)
{
    public async Task Invoke(HttpContext context)
    {
        var writer = ledger.Writer;
        var call = new CallRecord();
        context.Features.Set(call);
        var callerAborted = context.RequestAborted;
        var startedAt = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var record = Build(context, call, startedAt, complete: !failed && !callerAborted.IsCancellationRequested);
            long? seq = null;
            if (writer is not null)
            {
                try
                {
                    seq = await writer.AppendAsync(record);
                }
                catch (Exception ex)
                {
                    LogNotRecorded(logger, ex, context.TraceIdentifier);
                    context.Abort();
                }
            }

            Measure(call, record, started);
            if (seq is { } committed)
            {
                await ReportDeliveryAsync(context, writer!, record, committed);
            }
        }
    }

    /// <summary>The call's metrics, from its record; labelled by the decision's dataset only (never a dataset code a caller made up).</summary>
    private static void Measure(CallRecord call, LedgerRecord record, long started) =>
        GatewayMetrics.CallCompleted(call.Decision?.Dataset?.Code ?? "none", record.CallerKind, record.Reason, record.Status,
            Stopwatch.GetElapsedTime(started).TotalSeconds, record.UpstreamMilliseconds / 1000);

    private static async Task ReportDeliveryAsync(HttpContext context, LedgerWriter writer, LedgerRecord record, long seq)
    {
        if (!record.Complete)
        {
            writer.Settled(seq);
            return;
        }

        bool delivered;
        try
        {
            // Sends the last chunk now, so that what the ledger is told is what happened.
            await context.Response.CompleteAsync();
            delivered = !context.RequestAborted.IsCancellationRequested;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            delivered = false;
        }

        if (delivered)
        {
            writer.Delivered(seq);
        }
        else
        {
            writer.Undelivered(seq, record.RequestId);
        }
    }

    private LedgerRecord Build(HttpContext context, CallRecord call, DateTimeOffset startedAt, bool complete)
    {
        var caller = context.Features.GetRequiredFeature<ICallerFeature>().Caller;
        var decision = call.Decision;
        var filtered = context.Features.Get<IFilterResultFeature>();
        var status = context.Response.StatusCode;
        var problem = ProblemResponses.WrittenOf(context);
        complete = complete && filtered?.ErrorCode is null;
        var allowed = decision?.Allowed == true;
        var billable = allowed && complete && caller.Kind == OrganizationKind.Operator && status is >= 200 and < 300;
        var unitPrice = decision?.UnitPrice ?? 0m;
        return new LedgerRecord
        {
            RequestId = Guid.ParseExact(context.TraceIdentifier, "N"),
            StartedAt = startedAt,
            EndedAt = time.GetUtcNow(),
            CallerOrg = caller.OrganizationId,
            CallerKind = KindName(caller.Kind),
            CallerDistrict = caller.DistrictCode,
            Dataset = decision?.Dataset?.Code ?? DatasetOf(context.Request.Path),
            Action = call.Action,
            GrantId = decision?.Grant?.Id,
            Allowed = allowed,
            Reason = filtered?.ErrorCode ?? problem?.Code ?? decision?.ReasonCode ?? "unanswered",
            Fields = allowed ? decision!.Fields.Select(f => f.Name).ToArray() : [],
            Districts = allowed ? decision!.Districts?.Order(StringComparer.Ordinal).ToArray() : null,
            Rows = filtered?.RecordsReturned ?? 0,
            BytesOut = filtered?.BytesWritten ?? call.BytesOut ?? problem?.Bytes ?? 0,
            Status = status,
            UpstreamMilliseconds = call.UpstreamMilliseconds,
            CatalogVersion = call.CatalogVersion ?? holder.Current.Version,
            Billable = billable,
            UnitPrice = unitPrice,
            Amount = billable ? unitPrice : 0m,
            Complete = complete,
            DecisionId = call.DecisionId,
            PolicyRevision = call.PolicyRevision,
            ConsentId = call.ConsentId,
            ConsentSubject = call.ConsentSubject,
            RecordKeys = call.RecordKeys,
        };
    }

    /// <summary>The dataset named in <c>/api/{dataset}/…</c>, for calls refused before a decision.</summary>
    private static string? DatasetOf(PathString path)
    {
        var segments = path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is { Length: >= 2 } ? segments[1] : null;
    }

    private static string KindName(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Admin => "admin",
        OrganizationKind.Department => "department",
        OrganizationKind.District => "district",
        OrganizationKind.Operator => "operator",
        OrganizationKind.BundleReader => "bundle_reader",
        _ => kind.ToString().ToLowerInvariant(),
    };

    [LoggerMessage(EventId = EventIds.CallNotRecorded, Level = LogLevel.Error, Message = "Call {RequestId} could not be recorded in the ledger; its response was aborted")]
    private static partial void LogNotRecorded(ILogger logger, Exception ex, string requestId);
}
