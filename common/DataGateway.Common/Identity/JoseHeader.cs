using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Identity;

/// <summary>What the platform reads of a token's protected header itself, because IdentityModel does not.</summary>
internal static class JoseHeader
{
    /// <summary>
    /// Whether the protected header has a <c>crit</c> member, with any value. IdentityModel ignores <c>crit</c>
    /// (RFC 7515 §4.1.11 says a recipient must refuse what it does not understand), so it is read here, from the raw
    /// header rather than through IdentityModel's claim lookup, so an escaped name (<c>"\u0063rit"</c>) or a repeated
    /// member is seen too; a header that does not parse counts as having one (refused, never let through).
    /// </summary>
    public static bool HasCritical(string encodedHeader)
    {
        try
        {
            var reader = new Utf8JsonReader(Base64UrlEncoder.DecodeBytes(encodedHeader));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return true;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("crit"u8))
                {
                    return true;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return true;
        }
    }
}
