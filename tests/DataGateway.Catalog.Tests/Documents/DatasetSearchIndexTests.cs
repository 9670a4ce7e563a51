using DataGateway.Catalog.Store.Documents;
using Marten;
using Npgsql;

namespace DataGateway.Catalog.Tests.Documents;

/// <summary>
/// The keyword search's index: a pg_trgm GIN index over the search text, made by the catalog at start where pg_trgm
/// can be had, kept when Marten applies its schema again, and no b-tree on the search text (which refused long keys).
/// </summary>
public sealed class DatasetSearchIndexTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task Start_WherePgTrgmIsAvailable_MakesTheTrigramIndexOnTheSearchText()
    {
        Assert.Matches("(?i)using gin \\(search_text .*gin_trgm_ops\\)", await IndexDefinitionAsync(DatasetSearchIndex.Name));
    }

    [Fact]
    public async Task Start_SearchText_HasNoBtreeIndex()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*) from pg_indexes where tablename = '{CatalogTables.Datasets}' and indexdef like '%btree (search_text%'", connection);

        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    /// <summary>Marten's apply drops the indexes of its tables that its model does not name; this one it is told to ignore.</summary>
    [Fact]
    public async Task MartenApply_AgainAfterStart_KeepsTheTrigramIndex()
    {
        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        using var store = DocumentStore.For(options => CatalogStoreOptions.Configure(options, dataSource));

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Assert.Contains("gin_trgm_ops", await IndexDefinitionAsync(DatasetSearchIndex.Name));
    }

    [Fact]
    public async Task EnsureIndex_Again_ChangesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        var before = await IndexDefinitionAsync(DatasetSearchIndex.Name);

        await DatasetSearchIndex.EnsureAsync(dataSource);

        Assert.Equal(before, await IndexDefinitionAsync(DatasetSearchIndex.Name));
    }

    private async Task<string> IndexDefinitionAsync(string name)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select indexdef from pg_indexes where indexname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (string?)await command.ExecuteScalarAsync() ?? "(no such index)";
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
