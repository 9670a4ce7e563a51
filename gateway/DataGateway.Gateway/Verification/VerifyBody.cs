using System.Text.Json;

namespace DataGateway.Gateway.Verification;

/// <summary>
/// A verify call's body, read strictly: <c>{"match": {field: value, …}}</c> and nothing else. A duplicated member —
/// spelled the same or escaped (<c>"cred\u0069t_code"</c>) — is refused, because parsers disagree on which one wins and
/// the gateway would check one value while another is compared; so is any member the gateway does not know.
/// </summary>
internal static class VerifyBody
{
    public const int MaxMatchFields = 10;
    public const int MaxBytes = 64 * 1024;
    private const string MatchMember = "match";

    /// <summary>What was wrong with a body; <see cref="None"/> when it was read.</summary>
    public enum Problem
    {
        None,
        Invalid,
        DuplicateMember,
        UnknownMember,
    }

    public static async Task<(Dictionary<string, string>? Match, Problem Problem, string? Member)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBytes)
        {
            return (null, Problem.Invalid, null);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8 }, cancellationToken);
        }
        catch (JsonException)
        {
            return (null, Problem.Invalid, null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Problem.Invalid, null);
            }

            JsonElement? match = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                // Names compare unescaped: "m\u0061tch" is "match".
                if (!seen.Add(property.Name))
                {
                    return (null, Problem.DuplicateMember, property.Name);
                }

                if (property.Name != MatchMember)
                {
                    return (null, Problem.UnknownMember, property.Name);
                }

                match = property.Value;
            }

            if (match is not { ValueKind: JsonValueKind.Object } matchObject)
            {
                return (null, Problem.Invalid, null);
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in matchObject.EnumerateObject())
            {
                if (result.ContainsKey(property.Name))
                {
                    return (null, Problem.DuplicateMember, property.Name);
                }

                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    return (null, Problem.Invalid, null);
                }

                result.Add(property.Name, Text(property.Value));
            }

            return result.Count is >= 1 and <= MaxMatchFields ? (result, Problem.None, null) : (null, Problem.Invalid, null);
        }
    }

    /// <summary>A scalar as text: strings unescaped, numbers as written.</summary>
    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
