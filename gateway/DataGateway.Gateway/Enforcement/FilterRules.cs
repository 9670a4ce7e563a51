using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Gateway.Enforcement;

/// <summary>
/// Which query parameters may go upstream as filters. A filter answers "is there a record with this value?", so it
/// is allowed only on a field the decision returns, and returns unmasked; anything else would be a guessing oracle.
/// </summary>
/// <remarks>
/// A parameter is a filter on a field when its name is that field exactly, but also when a department API could
/// read it as one: another case (<c>OWNER_NAME</c>), an operator or bracket around it (<c>owner_name[$ne]</c>,
/// <c>filter[owner_name]</c>, <c>owner_name__contains</c>), a nested path in brackets (<c>location[lng]</c>).
/// Percent-encoding is already undone by the server (<c>owner%5Fname</c> arrives as <c>owner_name</c>), and what is
/// forwarded is the decoded name encoded again, so the upstream reads the name that was checked here. Only the
/// exact name of an unmasked returned field is forwarded; every other spelling is refused.
/// </remarks>
internal static class FilterRules
{
    /// <summary>The outcome for one call's query: nothing to refuse, a deny naming a field, or a parameter that is not allowed.</summary>
    internal readonly record struct Verdict(Decision? Deny, string? NotAllowed)
    {
        public bool Allowed => Deny is null && NotAllowed is null;
    }

    public static Verdict Check(IQueryCollection query, Decision decision)
    {
        var dataset = decision.Dataset!;
        foreach (var (key, _) in query)
        {
            if (key is GatewayParameters.Fields or GatewayParameters.District or GatewayParameters.Page or GatewayParameters.Size)
            {
                continue;
            }

            if (Returned(decision, key) is { } exact)
            {
                if (exact.Mask.Kind != MaskKind.None)
                {
                    return new Verdict(MaskedDeny(dataset, exact.Name), null);
                }

                continue;
            }

            // Not the exact name of a returned field: refused in any case. Which answer depends on the field it reads as.
            string? notGranted = null;
            foreach (var field in FieldsNamedBy(dataset, key))
            {
                if (Returned(decision, field.Name) is { } returned)
                {
                    if (returned.Mask.Kind != MaskKind.None)
                    {
                        return new Verdict(MaskedDeny(dataset, returned.Name), null);
                    }
                }
                else
                {
                    notGranted ??= field.Name;
                }
            }

            if (notGranted is not null)
            {
                return new Verdict(
                    Decision.Deny(ReasonCodes.FieldNotGranted, $"Not granted, so not usable as a filter: {notGranted}.", dataset, [notGranted]),
                    null);
            }

            return new Verdict(null, key);
        }

        return default;
    }

    private static Decision MaskedDeny(Dataset dataset, string field) =>
        Decision.Deny(
            ReasonCodes.FilterOnMaskedField,
            $"'{field}' is returned masked, so it cannot be used as a filter; a verify call tests a value without disclosing it.",
            dataset,
            [field]);

    private static FieldDecision? Returned(Decision decision, string name)
    {
        foreach (var field in decision.Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The dataset's fields a parameter name could be read as, compared without regard to case.</summary>
    private static IEnumerable<FieldDefinition> FieldsNamedBy(Dataset dataset, string key)
    {
        var candidates = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { key, BracketsAsDots(key) };
        foreach (var token in Tokens(key))
        {
            candidates.Add(token);
            var operatorAt = token.IndexOf("__", StringComparison.Ordinal);
            if (operatorAt > 0)
            {
                candidates.Add(token[..operatorAt]);
            }
        }

        return dataset.Fields.Where(f => candidates.Contains(f.Name));
    }

    private static string BracketsAsDots(string key) => key.Replace("][", ".", StringComparison.Ordinal).Replace('[', '.').Replace("]", "", StringComparison.Ordinal);

    /// <summary>The runs of letters, digits, <c>_</c> and <c>.</c> in a name: <c>filter[owner_name]</c> → filter, owner_name.</summary>
    private static List<string> Tokens(string text)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || !(char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
            {
                if (i > start)
                {
                    parts.Add(text[start..i]);
                }

                start = i + 1;
            }
        }

        return parts;
    }
}
