using DataGateway.Catalog.Store.Documents;
using Npgsql;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>The searchable catalog with the trigram index dropped after start, as on a server that has no pg_trgm.</summary>
public sealed class UnindexedSearchableCatalog : SearchableCatalog
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop index {DatasetSearchIndex.Name}", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
