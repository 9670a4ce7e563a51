namespace DataGateway.Catalog.Storage;

/// <summary>
/// Collects every problem of one request body, so the caller learns all of them at once. Messages are in the
/// caller's language, from the message table (<c>validation.*</c>).
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, Problems.CatalogMessages.Get("validation.required"));
        }
        else if (value.Length > maxLength)
        {
            Add(field, Problems.CatalogMessages.Get("validation.too_long", maxLength));
        }
        else
        {
            Text(field, value, multiline: false);
        }
    }

    /// <summary>
    /// Refuses control characters, bidi controls and unpaired surrogates (<see cref="Requests.TextRules"/>); line breaks and
    /// tabs only where <paramref name="multiline"/>. Also reached by the CSV import, which has no JSON body to scan.
    /// </summary>
    public void Text(string field, string? value, bool multiline)
    {
        if (value is not null && Requests.TextRules.IndexOfForbidden(value, multiline) is >= 0 and var at)
        {
            Add(field, Problems.CatalogMessages.Get("validation.forbidden_character", Requests.TextRules.Describe(value, at)));
        }
    }

    public void Identifier(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, Problems.CatalogMessages.Get("validation.required"));
        }
        else if (!IsIdentifier(value))
        {
            Add(field, Problems.CatalogMessages.Get("validation.identifier"));
        }
    }

    public static bool IsIdentifier(string value) =>
        value.Length is >= 2 and <= 64
        && char.IsAsciiLetterLower(value[0]) | char.IsAsciiDigit(value[0])
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static bool IsDistrictCode(string? value) => value is { Length: 6 } && value.All(char.IsAsciiDigit);

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(p => p.Key, p => p.Value.ToArray());
}
