namespace DataGateway.Policy.Model;

/// <summary>How a field's value is disguised before it leaves the gateway.</summary>
public enum MaskKind
{
    /// <summary>The value is returned as it is.</summary>
    None,

    /// <summary>Keep the first <see cref="MaskRule.KeepFirst"/> and last <see cref="MaskRule.KeepLast"/> characters, stars between.</summary>
    Keep,

    /// <summary>A keyed hash of the value: equal values stay joinable, the value itself is not disclosed.</summary>
    Hash,

    /// <summary>The value is replaced by a fixed marker.</summary>
    Redact,

    /// <summary>A date keeps only its year.</summary>
    YearOnly,
}

/// <summary>A field's mask rule as the catalog states it.</summary>
public sealed record MaskRule(MaskKind Kind, int KeepFirst = 0, int KeepLast = 0)
{
    public static readonly MaskRule None = new(MaskKind.None);

    /// <summary>The catalog's text form: <c>none</c>, <c>keep:3:4</c>, <c>hash</c>, <c>redact</c>, <c>year</c>.</summary>
    public override string ToString() => Kind switch
    {
        MaskKind.None => "none",
        MaskKind.Keep => $"keep:{KeepFirst}:{KeepLast}",
        MaskKind.Hash => "hash",
        MaskKind.Redact => "redact",
        MaskKind.YearOnly => "year",
        _ => throw new InvalidOperationException($"Unknown mask kind {Kind}."),
    };

    /// <summary>Parses the catalog's text form; false for anything else.</summary>
    public static bool TryParse(string? text, out MaskRule rule)
    {
        rule = None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Trim().Split(':');
        switch (parts[0].ToLowerInvariant())
        {
            case "none" when parts.Length == 1:
                return true;
            case "hash" when parts.Length == 1:
                rule = new MaskRule(MaskKind.Hash);
                return true;
            case "redact" when parts.Length == 1:
                rule = new MaskRule(MaskKind.Redact);
                return true;
            case "year" when parts.Length == 1:
                rule = new MaskRule(MaskKind.YearOnly);
                return true;
            case "keep" when parts.Length == 3
                && int.TryParse(parts[1], out var first) && first is >= 0 and <= 64
                && int.TryParse(parts[2], out var last) && last is >= 0 and <= 64:
                rule = new MaskRule(MaskKind.Keep, first, last);
                return true;
            default:
                return false;
        }
    }
}
