using Npgsql;

namespace DataGateway.Catalog.Datasets;

/// <summary>Filters of the published catalog: a keyword (Chinese works: it matches inside titles and descriptions), owner, domain, sharing.</summary>
public sealed record DatasetSearch(string? Q, string? Owner, string? Domain, string? Sharing, string? Code, int Page, int Size)
{
    public const int MaxSize = 200;

    public static DatasetSearch ForCode(string code) => new(null, null, null, null, code, 1, 1);

    public void Bind(NpgsqlCommand command)
    {
        command.Parameters.AddWithValue("q", (object?)NullIfEmpty(Q) ?? DBNull.Value);
        command.Parameters.AddWithValue("owner", (object?)NullIfEmpty(Owner) ?? DBNull.Value);
        command.Parameters.AddWithValue("domain", (object?)NullIfEmpty(Domain) ?? DBNull.Value);
        command.Parameters.AddWithValue("sharing", (object?)NullIfEmpty(Sharing) ?? DBNull.Value);
        command.Parameters.AddWithValue("code", (object?)Code ?? DBNull.Value);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
