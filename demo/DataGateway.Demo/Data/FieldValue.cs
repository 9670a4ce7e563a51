namespace DataGateway.Demo.Data;

/// <summary>A record's value of one top-level scalar field, kept beside its JSON for exact-match filtering.</summary>
internal readonly struct FieldValue
{
    private FieldValue(string? text, double number)
    {
        Text = text;
        Number = number;
    }

    /// <summary>The string value; null for a number.</summary>
    public string? Text { get; }

    public double Number { get; }

    public bool IsNumber => Text is null;

    public static FieldValue OfText(string text) => new(text, 0);

    public static FieldValue OfNumber(double number) => new(null, number);
}
