using DataGateway.Gateway.Metering;
using DataGateway.Gateway.Observability;

namespace DataGateway.Gateway.Enforcement;

/// <summary>
/// Each policy decision's id, which ties a call to its decision: the caller reads it in
/// <see cref="Header"/>, the ledger record keeps it (with the OPA bundle revision that decided), and the gateway's
/// decision log line names it.
/// </summary>
/// <remarks>
/// The header is set as the response starts (<c>OnStarting</c>), whatever answer the call ends in — a refusal, a
/// filtered body, a 502 — because the response stage drops every header the upstream sent; an upstream cannot
/// set or replace it.
/// </remarks>
internal static partial class DecisionIds
{
    public const string Header = "X-DataGateway-Decision-Id";

    /// <summary>A new decision id for the call, sent in <see cref="Header"/>. Version 7: ids sort by time.</summary>
    public static Guid Assign(HttpContext context)
    {
        var id = Guid.CreateVersion7();
        context.Response.OnStarting(static state =>
        {
            var (http, text) = ((HttpContext, string))state;
            http.Response.Headers[Header] = text;
            return Task.CompletedTask;
        }, (context, id.ToString("N")));
        return id;
    }

    /// <summary>Records the decision for the ledger and the log: its id, what it said, the bundle revision that decided.</summary>
    public static void Record(HttpContext context, ILogger logger, Guid id, Policy.Decisions.Decision decision, long catalogVersion, string? policyRevision)
    {
        context.Features.Get<CallRecord>()?.Identified(id, policyRevision);
        LogDecided(logger, context.TraceIdentifier, id, decision.Dataset?.Code ?? "", decision.Allowed, decision.ReasonCode, catalogVersion, policyRevision ?? "");
    }

    [LoggerMessage(EventId = EventIds.CallDecided, Level = LogLevel.Debug, Message = "Call {RequestId}: decision {DecisionId} on {Dataset}: allowed {Allowed}, {Reason} (catalog {CatalogVersion}, policy bundle {PolicyRevision})")]
    private static partial void LogDecided(ILogger logger, string requestId, Guid decisionId, string dataset, bool allowed, string reason, long catalogVersion, string policyRevision);
}
