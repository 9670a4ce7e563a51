using System.Globalization;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Services;

/// <summary>
/// An exact-match condition on one top-level scalar field: strings compare ordinally, numbers by value
/// (<c>?doses=2</c> and <c>?doses=2.0</c> both match 2; a non-numeric value matches no number).
/// </summary>
internal readonly record struct RecordFilter(int Ordinal, string Text, double? Number)
{
    public static RecordFilter Create(int ordinal, bool numberField, string value) =>
        new(ordinal, value, numberField && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null);

    public bool Matches(Record record)
    {
        var value = record.Values[Ordinal];
        return value.IsNumber
            ? Number is { } number && number == value.Number
            : string.Equals(value.Text, Text, StringComparison.Ordinal);
    }
}
