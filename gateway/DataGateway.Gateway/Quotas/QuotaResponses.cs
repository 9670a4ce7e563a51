using System.Globalization;
using DataGateway.Common.Problems;
using DataGateway.Gateway.Metering;
using DataGateway.Gateway.Observability;
using DataGateway.Gateway.Problems;
using DataGateway.Policy.Decisions;

namespace DataGateway.Gateway.Quotas;

/// <summary>The answers to a call its grant's quota does not admit, and what its ledger record says.</summary>
internal static class QuotaResponses
{
    /// <summary>Writes the refusal for <paramref name="verdict"/> (Exceeded or Unavailable), recording it as a deny on the grant.</summary>
    public static Task WriteAsync(HttpContext context, QuotaVerdict verdict, Decision allowed, long catalogVersion, string action, QuotaGate gate)
    {
        var grant = allowed.Grant!;
        var call = context.Features.Get<CallRecord>();
        if (verdict == QuotaVerdict.Exceeded)
        {
            var detail = $"Grant {grant.Id} allows {grant.DailyQuota} calls a day (Asia/Shanghai); today's are used up.";
            call?.Decided(Decision.Deny(ReasonCodes.QuotaExceeded, detail, allowed.Dataset, grant: grant), catalogVersion, action);
            GatewayMetrics.QuotaRejected(allowed.Dataset?.Code ?? "none");
            context.Response.Headers.RetryAfter = gate.SecondsToRenewal().ToString(CultureInfo.InvariantCulture);
            return ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, ReasonCodes.QuotaExceeded,
                GatewayMessages.Get("quota_exceeded.detail", grant.Id, grant.DailyQuota, gate.SecondsToRenewal()),
                new Dictionary<string, object?> { ["grant"] = grant.Id, ["dailyQuota"] = grant.DailyQuota });
        }

        call?.Decided(Decision.Deny(GatewayProblemCodes.QuotaUnavailable, "The quota could not be checked.", allowed.Dataset, grant: grant), catalogVersion, action);
        context.Response.Headers.RetryAfter = "5";
        return ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayProblemCodes.QuotaUnavailable, GatewayMessages.Get("quota_unavailable.detail"));
    }
}
