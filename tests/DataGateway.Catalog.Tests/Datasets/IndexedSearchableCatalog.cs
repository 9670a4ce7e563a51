using Npgsql;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// The searchable catalog with the planner steered onto the trigram index: its connections may not scan sequentially
/// nor walk an index in order, and the deleted_at index (which a table this small would rather use) is dropped after
/// start. What the trigram index can answer is then answered by a bitmap scan of it.
/// </summary>
public sealed class IndexedSearchableCatalog : SearchableCatalog
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["DataGateway__Catalog__ConnectionString"] = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Options = "-c enable_seqscan=off -c enable_indexscan=off -c enable_indexonlyscan=off",
        }.ConnectionString,
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("drop index mt_doc_dataset_idx_deleted_at", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
