using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// One spelling for a JSON value, whoever wrote it: the catalog's writer hashes the JSON its serializer hands Marten,
/// the verifier the <c>jsonb</c> PostgreSQL gives back, which reorders keys, drops whitespace and respells numbers.
/// Both come out the same here: object members sorted by name (ordinal), no whitespace, strings escaped by one fixed
/// rule, numbers in plain decimal notation as PostgreSQL's numeric writes them.
/// </summary>
/// <remarks>
/// Two members of one object with the same name (which <c>jsonb</c> cannot hold) stay two, so a value that is not
/// what the writer wrote never spells like one that is.
/// </remarks>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Of(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, document.RootElement);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// A JSON number as PostgreSQL's numeric writes it: plain decimal notation, no exponent, the scale the digits
    /// after the point make less the exponent (12.50 stays 12.50, 2.50E1 is 25.0, 1E+2 is 100), no negative zero.
    /// </summary>
    private static string Number(string raw)
    {
        var negative = raw.StartsWith('-');
        var text = negative ? raw[1..] : raw;
        var e = text.IndexOfAny(['e', 'E']);
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        if (Math.Abs(exponent) > 1000)
        {
            return raw; // beyond anything the catalog writes; left as spelled
        }

        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
        var scale = (point < 0 ? 0 : mantissa.Length - point - 1) - exponent;
        if (scale < 0)
        {
            digits += new string('0', -scale);
            scale = 0;
        }

        if (digits.Length <= scale)
        {
            digits = new string('0', scale - digits.Length + 1) + digits;
        }

        var whole = digits[..^scale].TrimStart('0');
        var result = (whole.Length == 0 ? "0" : whole) + (scale > 0 ? "." + digits[^scale..] : "");
        return negative && result.Any(c => c is >= '1' and <= '9') ? "-" + result : result;
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(Number(element.GetRawText()), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
