using Npgsql;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// The searchable catalog with the planner steered onto the trigram index: once the catalog has started and been
/// seeded, its database may not scan sequentially nor walk an index in order, and the deleted_at index (which a table
/// this small would rather use) is dropped. What the trigram index can answer is then answered by a bitmap scan of it.
/// </summary>
/// <remarks>
/// The planner settings are the database's, set after start, not options on the catalog's connection string: with
/// them on from the start, Marten's schema introspection ran under them too and, on a loaded machine, outran
/// Npgsql's 30 s command timeout. The catalog's connections are unpooled here so that each one opened after the
/// change takes the database's settings (and publishes its index scans when it closes).
/// </remarks>
public sealed class IndexedSearchableCatalog : SearchableCatalog
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["DataGateway__Catalog__ConnectionString"] = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString,
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var steer = new NpgsqlCommand(
            $"""
            alter database "{Name}" set enable_seqscan = off;
            alter database "{Name}" set enable_indexscan = off;
            alter database "{Name}" set enable_indexonlyscan = off;
            drop index mt_doc_dataset_idx_deleted_at;
            """, connection);
        await steer.ExecuteNonQueryAsync();
    }
}
