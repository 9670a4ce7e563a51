using Npgsql;

namespace DataGateway.Catalog.Store.Documents;

/// <summary>
/// The keyword search's trigram index (pg_trgm, GIN) over the datasets' search text, where the server offers pg_trgm.
/// </summary>
/// <remarks>
/// Not Marten's: Marten would need pg_trgm everywhere, and a server without it (or a role that may not create it)
/// would then refuse to start the catalog, while the search is correct without the index, only slower. So the catalog
/// makes it after Marten's own apply (<see cref="EnsureAsync"/>, under the start-up lock of <c>CatalogSchema</c>), and
/// <see cref="CatalogStoreOptions"/> tells Marten to leave it alone (its apply drops indexes it does not know).
/// The index serves the terms with three or more word characters in a row; shorter ones give pg_trgm no trigram, and
/// are matched by a scan.
/// </remarks>
public static class DatasetSearchIndex
{
    public const string Name = "mt_doc_dataset_idx_search_trgm";

    /// <summary>
    /// Creates the index (and pg_trgm) if the server allows it; a server that does not is left as it is. True when the
    /// index is there afterwards.
    /// </summary>
    public static async Task<bool> EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using (var command = dataSource.CreateCommand(Sql.Value))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var exists = dataSource.CreateCommand($"select to_regclass('{Name}') is not null");
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
    }

    private static readonly Lazy<string> Sql = new(() =>
    {
        using var stream = typeof(DatasetSearchIndex).Assembly.GetManifestResourceStream("DataGateway.Catalog.Store.Documents.DatasetSearchIndex.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
