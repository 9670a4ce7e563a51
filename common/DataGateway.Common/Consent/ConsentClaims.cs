using System.Text.Json;
using DataGateway.Policy.Decisions;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Consent;

/// <summary>
/// Reads a consent's claims from its raw payload, strictly: a JSON object of unique names (compared unescaped),
/// every claim the consent needs there with its JSON type, and nothing IdentityModel would read leniently.
/// </summary>
/// <remarks>
/// Read here rather than through IdentityModel's claim lookup for the reasons <c>ClaimsShape</c> gives for caller
/// tokens: a repeated <c>sub</c> would be read one way here and another way by the next reader, and a <c>fields</c>
/// of the wrong type must not become a field name.
/// </remarks>
internal static class ConsentClaims
{
    /// <summary>The longest subject value (an ID number is 18 characters, a credit code 18).</summary>
    public const int MaxSubjectLength = 128;

    /// <summary>The most fields one consent may name.</summary>
    public const int MaxFields = 200;

    public static ConsentVerification Read(string encodedPayload)
    {
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(Base64UrlEncoder.DecodeBytes(encodedPayload));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Invalid("The consent's claims are not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!names.Add(name))
                {
                    return Invalid($"The claim {name} appears more than once.");
                }

                reader.Read();
                switch (name)
                {
                    case "iss" or "jti" or "sub" or "operator" or "dataset" or "scenario":
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            return Invalid($"The claim {name} must be a JSON string.");
                        }

                        strings[name] = reader.GetString()!;
                        break;
                    case "iat" or "exp" or "nbf":
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var number))
                        {
                            return Invalid($"The claim {name} must be a whole JSON number.");
                        }

                        numbers[name] = number;
                        break;
                    case "fields":
                        if (ReadFields(ref reader, fields) is { } problem)
                        {
                            return Invalid(problem);
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return Invalid("The consent's claims are not valid JSON.");
        }

        foreach (var required in new[] { "jti", "sub", "operator", "dataset", "scenario" })
        {
            if (!strings.TryGetValue(required, out var value) || string.IsNullOrWhiteSpace(value))
            {
                return Invalid($"The consent needs the claim {required}.");
            }
        }

        if (!ConsentToken.IsValidId(strings["jti"]))
        {
            return Invalid("The consent id (jti) must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' and '-'.");
        }

        var subject = strings["sub"];
        if (subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return Invalid("The consent's subject (sub) is too long or holds control characters.");
        }

        if (!names.Contains("fields") || fields.Count == 0)
        {
            return Invalid("The consent needs the claim fields: a non-empty array of field names.");
        }

        if (!numbers.TryGetValue("iat", out var iat) || !numbers.TryGetValue("exp", out var exp) || exp <= iat)
        {
            return Invalid("The consent needs the claims iat and exp, exp after iat.");
        }

        return ConsentVerification.Valid(new ConsentToken(
            strings["jti"], subject, strings["operator"], strings["dataset"], strings["scenario"], fields,
            DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iat, 0, 253402300799)),
            DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(exp, 0, 253402300799))));
    }

    private static string? ReadFields(ref Utf8JsonReader reader, HashSet<string> fields)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return "The claim fields must be a JSON array of strings.";
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || reader.GetString() is not { Length: > 0 and <= 64 } field)
            {
                return "The claim fields must hold field names (strings of 1 to 64 characters).";
            }

            fields.Add(field);
            if (fields.Count > MaxFields)
            {
                return $"A consent names at most {MaxFields} fields.";
            }
        }

        return null;
    }

    private static ConsentVerification Invalid(string detail) => ConsentVerification.Refused(ReasonCodes.ConsentInvalid, detail);
}
