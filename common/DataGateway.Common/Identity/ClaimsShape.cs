using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Identity;

/// <summary>
/// The JSON shape of a signed token's claims, which IdentityModel is lenient about: it takes an <c>exp</c> written as
/// a string, the last of two members of one name, and reads a claim of the wrong type as its JSON text (an
/// <c>org</c> of <c>["op-bank"]</c> became the organization <c>["op-bank"]</c>). The platform refuses all of them.
/// </summary>
internal static class ClaimsShape
{
    /// <summary>Why the payload's shape is refused, or null when it is a JSON object of unique names with typed claims.</summary>
    /// <remarks>
    /// Names are compared unescaped, so <c>"\u006frg"</c> repeats <c>org</c>. RFC 7519 §4 lets a parser reject a
    /// repeated claim name; different parsers keep different duplicates, so a repeated name is refused rather than
    /// read one way here and another way by whoever reads the token next.
    /// </remarks>
    public static string? Problem(string encodedPayload)
    {
        try
        {
            var reader = new Utf8JsonReader(Base64UrlEncoder.DecodeBytes(encodedPayload));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "The token's claims are not a JSON object.";
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!names.Add(name))
                {
                    return $"The claim {name} appears more than once.";
                }

                reader.Read();
                var expected = name switch
                {
                    "exp" or "nbf" or "iat" => JsonTokenType.Number,
                    "iss" or "org" or "org_kind" or "district" => JsonTokenType.String,
                    _ => reader.TokenType,
                };
                if (reader.TokenType != expected)
                {
                    return $"The claim {name} must be a JSON {(expected == JsonTokenType.Number ? "number" : "string")}.";
                }

                reader.Skip();
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return "The token's claims are not valid JSON.";
        }
    }
}
