using System.Collections.Frozen;
using DataGateway.Policy.Decisions;

namespace DataGateway.Policy.Opa;

/// <summary>
/// Combines the built-in engine's allowing decision with OPA's verdict: both must allow, and OPA can only take away
/// (fields, districts), never add. A field or district OPA names that the built-in decision does not hold is ignored.
/// </summary>
/// <remarks>
/// As in the built-in engine, a narrowing that removes something the caller explicitly asked for (<c>?fields=</c>,
/// <c>?district=</c>) denies the call and names it, instead of silently dropping it: the caller would otherwise
/// believe a field empty or a district without rows.
/// </remarks>
internal static class OpaNarrowing
{
    public static Decision Apply(Decision builtIn, AccessRequest request, OpaVerdict verdict, OpaMemo memo)
    {
        var dataset = builtIn.Dataset!;
        if (!verdict.Allow)
        {
            var why = verdict.Reason is null ? "OPA denied the call." : $"OPA denied the call ({verdict.Reason}).";
            return Decision.Deny(ReasonCodes.ExternalPolicyDenied, why, dataset);
        }

        var fields = builtIn.Fields;
        if (verdict.Fields is { } kept)
        {
            if (request.RequestedFields is { } asked && asked.Where(f => !kept.Contains(f)).ToList() is { Count: > 0 } dropped)
            {
                return Decision.Deny(ReasonCodes.ExternalPolicyDenied, $"OPA does not allow: {string.Join(", ", dropped)}.", dataset, dropped);
            }

            fields = memo.Fields(builtIn.Fields, source => source.Where(f => kept.Contains(f.Name)).ToArray());
            if (fields.Count == 0)
            {
                return Decision.Deny(ReasonCodes.ExternalPolicyDenied, "OPA allows none of the fields.", dataset);
            }
        }

        var districts = builtIn.Districts;
        if (verdict.Districts is { } allowed)
        {
            if (request.RequestedDistrict is { } district && !allowed.Contains(district))
            {
                return Decision.Deny(ReasonCodes.ExternalPolicyDenied, $"OPA does not allow the rows of district {district}.", dataset);
            }

            if (dataset.DistrictField is null)
            {
                // Rows without a district attribute cannot be narrowed by district: allowed only when the call names a
                // district OPA allows (the instance of a per-district service), checked above.
                if (request.RequestedDistrict is null)
                {
                    return Decision.Deny(ReasonCodes.ExternalPolicyDenied, "OPA narrows districts, and the dataset's rows carry none.", dataset);
                }
            }
            else
            {
                districts = memo.Districts(builtIn.Districts, source =>
                    (source is null ? allowed : source.Where(allowed.Contains)).ToFrozenSet(StringComparer.Ordinal));
                if (districts!.Count == 0)
                {
                    return Decision.Deny(ReasonCodes.ExternalPolicyDenied, "OPA allows the rows of none of the districts.", dataset);
                }
            }
        }

        if (ReferenceEquals(fields, builtIn.Fields) && ReferenceEquals(districts, builtIn.Districts))
        {
            return builtIn;
        }

        return Decision.Allow(builtIn.ReasonCode, dataset, fields, districts, builtIn.Grant, builtIn.UnitPrice);
    }
}
