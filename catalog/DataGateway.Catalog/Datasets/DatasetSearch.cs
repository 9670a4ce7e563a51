namespace DataGateway.Catalog.Datasets;

/// <summary>
/// Filters of the published catalog: a keyword (its terms each found, as substrings so Chinese works, in a dataset's
/// code, title, description, domain, field names or titles, or its owner's id or name), owner, domain, sharing, and
/// the highest level among its fields. Its SQL is <see cref="DatasetSearchSql"/>.
/// </summary>
/// <param name="Level">The highest field level, 1 to 4 (L1–L4), that a dataset must have; null for any.</param>
public sealed record DatasetSearch(string? Q, string? Owner, string? Domain, string? Sharing, string? Code, int Page, int Size, int? Level = null)
{
    public const int MaxSize = 200;

    /// <summary>The longest keyword, and the most terms it may have; a search is a scan, so both are bounded.</summary>
    public const int MaxQueryLength = 200;

    public const int MaxTerms = 8;

    public static DatasetSearch ForCode(string code) => new(null, null, null, null, code, 1, 1);

    /// <summary>The keyword's terms, lower-cased as the search text is: split on white space, each must match.</summary>
    public static string[]? Terms(string? q)
    {
        var terms = q?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        return terms is { Length: > 0 } ? terms : null;
    }
}
