using DataGateway.Common.Problems;
using DataGateway.Policy.Decisions;

namespace DataGateway.Gateway.Enforcement;

/// <summary>Turns a deny into its problem+json answer; the status follows from the reason code.</summary>
internal static class DenyResponses
{
    public static Task WriteAsync(HttpContext context, Decision decision)
    {
        var status = decision.ReasonCode == ReasonCodes.DatasetUnknown ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        var extensions = new Dictionary<string, object?>();
        if (decision.DeniedFields.Count > 0)
        {
            extensions["fields"] = decision.DeniedFields;
        }

        return ProblemResponses.WriteAsync(context, status, decision.ReasonCode, status == 404 ? "Unknown dataset." : "Access denied.", decision.Detail, extensions);
    }
}
