using DataGateway.Ledger.Schema;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Ledger.Tests;

/// <summary>A fresh database with the ledger's schema (its own, nothing of the catalog's), for one test class.</summary>
public class LedgerDatabase : PostgresDatabase
{
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await ApplySchemaAsync();
    }

    /// <summary>The schemas the class needs: the ledger's.</summary>
    protected virtual Task ApplySchemaAsync() => LedgerSchema.ApplyAsync(DataSource);

    public override async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
