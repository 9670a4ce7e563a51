using DataGateway.Catalog.Store.Schema;
using DataGateway.Ledger.Schema;
using DataGateway.Schema;

namespace DataGateway.Ledger.Tests;

/// <summary>
/// A fresh database with the ledger's and the catalog's schemas, as the catalog applies them at start: for the
/// verifier, which walks the catalog's chain as well as the calls'.
/// </summary>
public sealed class PlatformDatabase : LedgerDatabase
{
    protected override Task ApplySchemaAsync() => SchemaMigrations.ApplyAsync(DataSource, [LedgerSchema.Owner, CatalogSchema.Owner]);
}
