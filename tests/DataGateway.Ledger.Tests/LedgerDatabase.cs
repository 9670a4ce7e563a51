using DataGateway.Catalog.Store.Schema;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Ledger.Tests;

/// <summary>A fresh database with the platform's schema, for one test class.</summary>
public sealed class LedgerDatabase : PostgresDatabase
{
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await CatalogSchema.MigrateAsync(DataSource);
    }

    public override async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
