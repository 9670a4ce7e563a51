using System.Globalization;
using System.Text.Json;

namespace DataGateway.Returns.Running;

/// <summary>
/// A district's watermark in an incremental job: the field's value in each row, the lowest and highest delivered, and
/// the value it starts above. Values compare as numbers when both are numbers, else as text (ordinal), which orders
/// ISO 8601 dates and times written the same way.
/// </summary>
internal sealed class Watermarks(string? field, string? from)
{
    public string? Field { get; } = field;

    public string? From { get; } = from;

    /// <summary>The lowest and highest watermark delivered so far (from the receipt, then each acknowledged batch).</summary>
    public string? First { get; set; }

    public string? Last { get; set; }

    /// <summary>Whether a row with this watermark is pushed: every row in a full job; above <see cref="From"/> in an incremental one.</summary>
    public bool Admits(string? value) =>
        Field is null || From is null || (value is not null && Compare(value, From) > 0);

    /// <summary>The field's value in a filtered record (top level; the filter has already dropped duplicated keys).</summary>
    public string? Read(ReadOnlySpan<byte> record)
    {
        if (Field is null)
        {
            return null;
        }

        var reader = new Utf8JsonReader(record);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(Field);
            reader.Read();
            if (match)
            {
                return reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.GetString(reader.ValueSpan),
                    _ => null,
                };
            }

            reader.Skip();
        }

        return null;
    }

    public static string? Min(string? a, string? b) => a is null ? b : b is null ? a : Compare(a, b) <= 0 ? a : b;

    public static string? Max(string? a, string? b) => a is null ? b : b is null ? a : Compare(a, b) >= 0 ? a : b;

    public static int Compare(string a, string b) =>
        decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
        && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);

    private static readonly System.Text.UTF8Encoding Encoding = new(false);
}
