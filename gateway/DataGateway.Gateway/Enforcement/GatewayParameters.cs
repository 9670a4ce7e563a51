namespace DataGateway.Gateway.Enforcement;

/// <summary>
/// The query parameters the gateway itself reads. <c>fields</c> and <c>district</c> decide the call and are not
/// forwarded: the upstream learns the decided fields and district only through what the gateway sends it. Paging
/// is checked here and forwarded in its canonical form.
/// </summary>
internal static class GatewayParameters
{
    public const string Fields = "fields";
    public const string District = "district";
    public const string Page = "page";
    public const string Size = "size";

    /// <summary>The highest page number accepted: beyond it an offset is a scan of the department's whole table.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>
    /// Reads a paging value: one to nine ASCII digits without a leading zero. Everything else — a sign, <c>+</c>,
    /// whitespace, an exponent, a fraction, full-width digits, a value too big for an int — is refused rather than
    /// left for the upstream to read in its own way (<c>int.Parse</c> alone would take " 5" and "+5").
    /// </summary>
    public static bool TryParsePaging(string? text, int max, out int value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 9 || text[0] == '0')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }
}
