using DataGateway.Common.Problems;
using DataGateway.Gateway.Problems;
using DataGateway.Policy.Decisions;

namespace DataGateway.Gateway.Enforcement;

/// <summary>Turns a deny into its problem+json answer; the status follows from the reason code.</summary>
internal static class DenyResponses
{
    public static Task WriteAsync(HttpContext context, Decision decision)
    {
        var status = decision.ReasonCode == ReasonCodes.DatasetUnknown ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        if (ExternalPolicyGate.IsFailure(decision.ReasonCode))
        {
            // OPA could not decide: nothing is wrong with the call, so a 503 the caller may repeat, not a 403.
            status = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
        }

        var extensions = new Dictionary<string, object?>();
        if (decision.DeniedFields.Count > 0)
        {
            extensions["fields"] = decision.DeniedFields;
        }

        // The engine's own detail is English and for logs; the caller reads the message table's, in its language.
        var key = decision.ReasonCode + ".detail";
        var detail = GatewayMessages.Table.Contains(key)
            ? GatewayMessages.Get(key, decision.Dataset?.Code ?? DatasetCodeOf(context), decision.DeniedFields)
            : decision.Detail;
        return ProblemResponses.WriteAsync(context, status, decision.ReasonCode, detail, extensions);
    }

    private static string DatasetCodeOf(HttpContext context) =>
        context.GetRouteValue(Routing.CatalogProxyConfigProvider.DatasetRouteValue) as string ?? "";
}
