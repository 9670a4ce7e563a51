using System.Diagnostics;
using DataGateway.Policy.Decisions;

namespace DataGateway.Gateway.Metering;

/// <summary>
/// What the stages of one call learn for its ledger record: the decision they acted on and when the upstream was
/// asked and answered. Set as a feature by <see cref="CallLedgerMiddleware"/>; stages that run without it (no
/// identified caller, ledger off) simply find none.
/// </summary>
internal sealed class CallRecord
{
    private long _upstreamStarted;

    public string Action { get; set; } = LedgerActions.Query;

    public Decision? Decision { get; private set; }

    public long? CatalogVersion { get; private set; }

    public double? UpstreamMilliseconds { get; private set; }

    /// <summary>Bytes of a body written by an endpoint of the gateway's own (the verify answer).</summary>
    public long? BytesOut { get; set; }

    public void Decided(Decision decision, long catalogVersion, string action = LedgerActions.Query)
    {
        Decision = decision;
        CatalogVersion = catalogVersion;
        Action = action;
    }

    /// <summary>The id of the policy decision the call acted on (<see cref="Enforcement.DecisionIds"/>).</summary>
    public Guid? DecisionId { get; private set; }

    /// <summary>The OPA bundle revision that decided with the built-in engine; null when OPA was not asked or did not say.</summary>
    public string? PolicyRevision { get; private set; }

    public void Identified(Guid decisionId, string? policyRevision)
    {
        DecisionId = decisionId;
        PolicyRevision = policyRevision;
    }

    /// <summary>The data subject's consent the call was made under (持证主体授权), once the consent check verified it.</summary>
    public string? ConsentId { get; private set; }

    /// <summary>The subject <see cref="ConsentId"/> names: the only subject whose rows the call may return.</summary>
    public string? ConsentSubject { get; private set; }

    public void Consented(string consentId, string subject)
    {
        ConsentId = consentId;
        ConsentSubject = subject;
    }

    /// <summary>The record key field's values of the records the response returned (set by the response filter); null when not collected.</summary>
    public IReadOnlyList<string>? RecordKeys { get; set; }

    public void UpstreamStarting() => _upstreamStarted = Stopwatch.GetTimestamp();

    public void UpstreamAnswered()
    {
        if (_upstreamStarted != 0)
        {
            UpstreamMilliseconds = Stopwatch.GetElapsedTime(_upstreamStarted).TotalMilliseconds;
        }
    }
}

/// <summary>The ledger's action names.</summary>
internal static class LedgerActions
{
    public const string Query = "query";
    public const string Verify = "verify";
}
